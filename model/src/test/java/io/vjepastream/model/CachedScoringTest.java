package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link JepaInference#score(List, FrameEncodings)} must read pairs exactly as {@link JepaInference#score(List)}
 * does, whichever encoder serves which role, while encoding each frame of a stream once.
 */
class CachedScoringTest {
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TargetEncoderMode.class)
    void cachedScoresEqualPlainScoresOnAStream(TargetEncoderMode mode) throws Exception {
        JepaConfig config = TestConfigs.small().toBuilder().targetEncoderMode(mode).build();
        try (JepaInference model = trained(config)) {
            List<StreamPair> pairs = new ArrayList<>(streamPairs(config, "cam-a", 9, 1));
            pairs.addAll(streamPairs(config, "cam-b", 6, 2));
            FrameEncodings cache = new FrameEncodings();
            // batches of three, as the embedder would make them: a frame comes back in a later batch
            for (int from = 0; from < pairs.size(); from += 3) {
                List<StreamPair> batch = pairs.subList(from, Math.min(pairs.size(), from + 3));
                assertSameScores(model.score(samples(batch)), model.score(batch, cache));
            }
            // every frame went through each encoder it needs once: a stream of n pairs has n + 4 frames, the
            // first n + 2 of them context; vjepa2 encodes context with the online and targets with the target encoder
            long once = mode == TargetEncoderMode.VJEPA2 ? (11 + 9) + (8 + 6) : (9 + 4) + (6 + 4);
            assertEquals(once, cache.misses(), "encoder runs per frame");
            assertTrue(cache.hits() > 0);
            if (mode == TargetEncoderMode.VJEPA2) {
                // the check is only worth something when the two encoders differ
                float[] online = model.embed(samples(pairs.subList(0, 1)))[0];
                assertFalse(java.util.Arrays.equals(online, model.score(samples(pairs.subList(0, 1))).get(0).embedding()));
            }
        }
    }

    @Test
    void targetContextEncodesEachFrameOnceAndScoresAsThePlainPath() throws Exception {
        JepaConfig config = TestConfigs.small().toBuilder().targetEncoderMode(TargetEncoderMode.VJEPA2).build();
        try (JepaInference model = trained(config)) {
            List<StreamPair> pairs = streamPairs(config, "cam-a", 9, 1);
            List<Scored> asTrained = model.score(samples(pairs));
            Scoring target = Scoring.DEFAULT.with(ContextEncoder.TARGET);
            FrameEncodings cache = new FrameEncodings();
            List<Scored> plain = model.score(samples(pairs), target);
            for (int from = 0; from < pairs.size(); from += 3) {
                List<StreamPair> batch = pairs.subList(from, from + 3);
                assertSameScores(plain.subList(from, from + 3), model.score(batch, cache, target));
            }
            // a scoring given to one call changes no other
            assertSameScores(asTrained, model.score(samples(pairs)));
            assertEquals(9 + 4, cache.misses(), "one encoder run per frame");
            // the latent state is the target encoder's either way; the energy changes with the predictor's input
            assertArrayEquals(asTrained.get(0).embedding(), plain.get(0).embedding(), TOLERANCE);
            assertNotEquals(asTrained.get(0).energy(), plain.get(0).energy(), 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TargetEncoderMode.class, names = {"DEFAULT", "NONE"})
    void targetContextLeavesSingleEncoderModesAlone(TargetEncoderMode mode) throws Exception {
        JepaConfig config = TestConfigs.small().toBuilder().targetEncoderMode(mode).build();
        try (JepaInference model = trained(config)) {
            List<PairSample> pairs = samples(streamPairs(config, "cam", 4, 2));
            List<Scored> asTrained = model.score(pairs);
            assertSameScores(asTrained, model.score(pairs, Scoring.DEFAULT.with(ContextEncoder.TARGET)));
        }
    }

    @Test
    void readingsWithoutTokensAreOtherwiseTheSame() {
        JepaConfig config = TestConfigs.small();
        try (JepaInference model = JepaInference.of(config)) {
            List<StreamPair> pairs = streamPairs(config, "cam", 4, 11);
            List<Scored> withTokens = model.score(samples(pairs));
            assertEquals(config.tokensPerFrame() * config.encoderWidth(), withTokens.get(0).tokens().length);
            Scoring noTokens = Scoring.DEFAULT.withTokens(false);
            List<Scored> plain = model.score(samples(pairs), noTokens);
            List<Scored> cached = model.score(pairs, new FrameEncodings(), noTokens);
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(null, plain.get(i).tokens());
                assertEquals(null, cached.get(i).tokens());
                assertEquals(withTokens.get(i).energy(), plain.get(i).energy(), TOLERANCE);
                assertArrayEquals(withTokens.get(i).embedding(), cached.get(i).embedding(), TOLERANCE);
                assertArrayEquals(withTokens.get(i).patchEnergy(), cached.get(i).patchEnergy(), TOLERANCE);
            }
        }
    }

    @Test
    void contextEncoderNamesAreReadCaseInsensitively() {
        assertEquals(ContextEncoder.TARGET, ContextEncoder.fromKey(" Target "));
        assertEquals(ContextEncoder.AS_TRAINED, ContextEncoder.fromKey("as_trained"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ContextEncoder.fromKey("online"));
        assertTrue(e.getMessage().contains("'online'") && e.getMessage().contains("as_trained, target"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TargetEncoderMode.class)
    void tubeMasksUseTheCacheToo(TargetEncoderMode mode) throws Exception {
        JepaConfig config = TestConfigs.small().toBuilder().targetEncoderMode(mode).build();
        TokenMask tube = tube(config);
        try (JepaInference model = trained(config)) {
            List<StreamPair> pairs = new ArrayList<>();
            for (StreamPair p : streamPairs(config, "cam-t", 6, 3)) {
                PairSample s = p.sample();
                pairs.add(new StreamPair(p.streamId(), p.ptsMicros(), new PairSample(s.context(), s.target(), null, tube)));
            }
            FrameEncodings cache = new FrameEncodings();
            for (int from = 0; from < pairs.size(); from += 2) {
                List<StreamPair> batch = pairs.subList(from, from + 2);
                assertSameScores(model.score(samples(batch)), model.score(batch, cache));
            }
            assertTrue(cache.hits() > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(EncoderType.class)
    void everyEncoderTypeGivesThePlainScores(EncoderType type) {
        assertCachedScoresArePlainScores(TestConfigs.small().toBuilder().encoderType(type).build(), 8);
    }

    @ParameterizedTest
    @EnumSource(value = PredictorType.class, names = {"TRANSPORT", "WARP"})
    void predictorsThatMoveTheNewestFrameGiveThePlainScores(PredictorType type) {
        assertCachedScoresArePlainScores(TestConfigs.small().toBuilder().predictorType(type).build(), 11);
    }

    /** Two batches of two pairs of one stream, the second sharing frames with the first. */
    private static void assertCachedScoresArePlainScores(JepaConfig config, long seed) {
        try (JepaInference model = JepaInference.of(config)) {
            List<StreamPair> pairs = streamPairs(config, "cam", 4, seed);
            FrameEncodings cache = new FrameEncodings();
            assertSameScores(model.score(samples(pairs.subList(0, 2))), model.score(pairs.subList(0, 2), cache));
            assertSameScores(model.score(samples(pairs.subList(2, 4))), model.score(pairs.subList(2, 4), cache));
            assertTrue(cache.hits() > 0);
        }
    }

    @Test
    void aResidualPredictorGivesThePlainScoresForEveryMask() {
        JepaConfig config = TestConfigs.small().toBuilder().predictorResidual(true).build();
        try (JepaInference model = JepaInference.of(config)) {
            List<StreamPair> pairs = new ArrayList<>(streamPairs(config, "cam", 3, 9));
            TokenMask tube = tube(config);
            for (StreamPair p : streamPairs(config, "cam-t", 3, 10)) {
                PairSample s = p.sample();
                pairs.add(new StreamPair(p.streamId(), p.ptsMicros(), new PairSample(s.context(), s.target(), null, tube)));
            }
            FrameEncodings cache = new FrameEncodings();
            assertSameScores(model.score(samples(pairs.subList(0, 3))), model.score(pairs.subList(0, 3), cache));
            assertSameScores(model.score(samples(pairs.subList(3, 6))), model.score(pairs.subList(3, 6), cache));
        }
    }

    @Test
    void aReusedTimestampWithOtherBytesIsEncodedAfresh() {
        JepaConfig config = TestConfigs.small();
        try (JepaInference model = JepaInference.of(config)) {
            FrameEncodings cache = new FrameEncodings();
            List<StreamPair> first = streamPairs(config, "cam", 3, 4);
            model.score(first, cache);
            // a restarted source: the same timestamps, other pictures
            List<StreamPair> again = streamPairs(config, "cam", 3, 5);
            long misses = cache.misses();
            assertSameScores(model.score(samples(again)), model.score(again, cache));
            assertTrue(cache.misses() > misses, "the changed frames were encoded");
        }
    }

    @Test
    void anotherModelEmptiesTheCacheFirst() {
        JepaConfig config = TestConfigs.small();
        List<StreamPair> pairs = streamPairs(config, "cam", 4, 6);
        try (JepaInference before = JepaInference.of(config);
                JepaInference after = JepaInference.of(config.toBuilder().seed(99).build())) {
            FrameEncodings cache = new FrameEncodings();
            List<Scored> old = before.score(pairs, cache);
            List<Scored> swapped = after.score(pairs, cache);
            assertSameScores(after.score(samples(pairs)), swapped);
            assertNotEquals(old.get(0).energy(), swapped.get(0).energy(), 1e-6);
        }
    }

    @Test
    void actionConditionedModelsAreScoredWithTheirAction() {
        JepaConfig config = TestConfigs.small().toBuilder().actionDim(3).build();
        try (JepaInference model = JepaInference.of(config)) {
            FrameEncodings cache = new FrameEncodings();
            List<StreamPair> left = withAction(streamPairs(config, "arm", 2, 7), new float[] {1f, 0f, 0f});
            List<StreamPair> right = withAction(left, new float[] {-1f, 0.5f, 2f});
            List<Scored> leftScores = model.score(left, cache);
            assertSameScores(model.score(samples(left)), leftScores);
            List<Scored> rightScores = model.score(right, cache);
            assertSameScores(model.score(samples(right)), rightScores);
            assertNotEquals(leftScores.get(1).energy(), rightScores.get(1).energy(), 1e-6);
        }
    }

    @Test
    void cacheKeepsTheRecentFramesOfTheRecentStreams() {
        JepaConfig config = TestConfigs.small();
        try (JepaInference model = JepaInference.of(config)) {
            FrameEncodings cache = new FrameEncodings(3, 2);
            for (String stream : List.of("a", "b", "c")) {
                model.score(streamPairs(config, stream, 5, stream.hashCode()), cache);
            }
            assertEquals(2 * 3, cache.size());
            cache.clear();
            assertEquals(0, cache.size());
        }
    }

    /** A model after a few training steps, so that the online and the target encoder differ. */
    private JepaInference trained(JepaConfig config) throws Exception {
        Path checkpoint = java.nio.file.Files.createDirectories(dir.resolve(config.targetEncoderMode().name()));
        try (JepaTrainer trainer = new JepaTrainer(config.toBuilder().warmupSteps(0).learningRate(1e-2f)
                .emaMomentum(0.5f).emaEnd(0.5f).build())) {
            MovingSquares squares = new MovingSquares(config, 3);
            for (int i = 0; i < 3; i++) {
                trainer.step(squares.batch(4));
            }
            trainer.save(checkpoint);
        }
        return JepaInference.load(checkpoint);
    }

    /**
     * Pairs of one stream as ingest makes them: a square moving over a noisy background, sampled frame n
     * (n >= 4) giving context n-4 and n-2 and target n.
     */
    private static List<StreamPair> streamPairs(JepaConfig config, String stream, int count, long seed) {
        Random random = new Random(seed);
        int side = config.imageSize();
        List<byte[]> frames = new ArrayList<>();
        for (int n = 0; n < count + 4; n++) {
            byte[] rgb = new byte[config.frameBytes()];
            for (int p = 0; p < side * side; p++) {
                boolean square = Math.abs(p / side - (n + 4) % side) < 4 && Math.abs(p % side - 2 * n % side) < 4;
                for (int c = 0; c < 3; c++) {
                    rgb[p * 3 + c] = (byte) (square ? 200 - 40 * c : random.nextInt(32));
                }
            }
            frames.add(rgb);
        }
        List<StreamPair> pairs = new ArrayList<>();
        for (int n = 4; n < count + 4; n++) {
            PairSample sample = new PairSample(List.of(frames.get(n - 4), frames.get(n - 2)), List.of(frames.get(n)));
            pairs.add(new StreamPair(stream, new long[] {(n - 4) * 33_333L, (n - 2) * 33_333L, n * 33_333L}, sample));
        }
        return pairs;
    }

    /** Every frame's 2 x 2 block at rows and columns 1-2 is a target, the rest context: a tube. */
    private static TokenMask tube(JepaConfig config) {
        int grid = config.gridSize();
        int frames = config.contextFrames() + config.targetFrames();
        BitSet context = new BitSet();
        BitSet target = new BitSet();
        for (int t = 0; t < frames; t++) {
            for (int p = 0; p < grid * grid; p++) {
                boolean inBlock = p / grid >= 1 && p / grid <= 2 && p % grid >= 1 && p % grid <= 2;
                (inBlock ? target : context).set(t * grid * grid + p);
            }
        }
        return TokenMask.of(frames, grid, grid, context, target);
    }

    private static List<StreamPair> withAction(List<StreamPair> pairs, float[] action) {
        List<StreamPair> out = new ArrayList<>();
        for (StreamPair p : pairs) {
            PairSample s = p.sample();
            out.add(new StreamPair(p.streamId(), p.ptsMicros(), PairSample.withAction(s.context(), s.target(), action)));
        }
        return out;
    }

    private static List<PairSample> samples(List<StreamPair> pairs) {
        return pairs.stream().map(StreamPair::sample).toList();
    }

    private static void assertSameScores(List<Scored> plain, List<Scored> cached) {
        assertEquals(plain.size(), cached.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).energy(), cached.get(i).energy(), TOLERANCE, "energy of pair " + i);
            assertArrayEquals(plain.get(i).patchEnergy(), cached.get(i).patchEnergy(), TOLERANCE, "patch energy of pair " + i);
            assertArrayEquals(plain.get(i).embedding(), cached.get(i).embedding(), TOLERANCE, "embedding of pair " + i);
            assertArrayEquals(plain.get(i).tokens(), cached.get(i).tokens(), TOLERANCE, "tokens of pair " + i);
        }
    }
}
