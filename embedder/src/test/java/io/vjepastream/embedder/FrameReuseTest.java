package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedder answers when it reuses frame encodings between the pairs of a stream, when it emits
 * tokens, and when its model is action-conditioned: always what the model says of the pair on its own.
 */
class FrameReuseTest {
    private static final int SIZE = TinyCheckpoints.IMAGE_SIZE;
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    static Path checkpoints;
    static Path v1;
    static Path v2;
    static Path withActions;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void writeCheckpoints() throws Exception {
        byte[] grey = TestPairs.solid(SIZE, 128, 128, 128);
        PairSample still = new PairSample(List.of(grey, grey), List.of(grey));
        v1 = TinyCheckpoints.write(checkpoints.resolve("v1"), 2, still);
        v2 = TinyCheckpoints.write(checkpoints.resolve("v2"), 4, still);
        withActions = TinyCheckpoints.write(checkpoints.resolve("actions"),
                TinyCheckpoints.CONFIG.toBuilder().actionDim(2).build(), 0,
                PairSample.withAction(List.of(grey, grey), List.of(grey), new float[] {0f, 0f}));
    }

    private EmbedderConfig.Builder config() {
        return EmbedderConfig.builder("unused:9092").stateDir(stateDir).batchMaxPairs(3);
    }

    /** Pair {@code seq} of a stream whose frame n is noise seeded with n: consecutive pairs share two frames. */
    private static FramePair pair(String stream, long seq) {
        return TestPairs.pair(stream, seq,
                List.of(TestPairs.frame(seq, SIZE, frame(seq)), TestPairs.frame(seq + 1, SIZE, frame(seq + 1))),
                List.of(TestPairs.frame(seq + 2, SIZE, frame(seq + 2))), SIZE);
    }

    private static byte[] frame(long n) {
        return TestPairs.noise(SIZE, 7_000 + n);
    }

    @Test
    void aStreamGetsThePlainAnswersAcrossBatchesAndASwap() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config().build(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            List<FramePair> sent = new ArrayList<>();
            for (long seq = 0; seq < 8; seq++) {
                if (seq == 5) {
                    embedder.lingerPasses();
                    assertTrue(registry.offer(TinyCheckpoints.event(2, v2)));
                }
                sent.add(pair(seq % 2 == 0 ? "cam-a" : "cam-b", seq / 2));
                embedder.pipe(sent.get(sent.size() - 1));
            }
            embedder.lingerPasses();
            List<AnomalyEnergy> energies = embedder.energies.readValuesToList();
            List<LatentState> latents = embedder.latents.readValuesToList();
            assertEquals(sent.size(), energies.size());
            for (int i = 0; i < sent.size(); i++) {
                Path model = energies.get(i).getModelVersion().equals("tiny-v1") ? v1 : v2;
                Scored alone = plainScore(model, PairSamples.from(sent.get(i), TinyCheckpoints.CONFIG));
                assertEquals(i < 5 ? "tiny-v1" : "tiny-v2", energies.get(i).getModelVersion());
                assertEquals(alone.energy(), energies.get(i).getEnergy(), TOLERANCE, "energy of pair " + i);
                assertArrayEquals(alone.patchEnergy(), floats(energies.get(i).getPatchEnergy()), TOLERANCE);
                assertArrayEquals(alone.embedding(), floats(latents.get(i).getEmbedding()), TOLERANCE);
                assertNull(latents.get(i).getTokens(), "tokens are off by default");
            }
        }
    }

    @Test
    void tokensAreEmittedWhenAsked() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config().emitTokens(true).build(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            embedder.send(pair("cam", 0));
            LatentState latent = embedder.latents.readValue();
            int width = TinyCheckpoints.CONFIG.encoderWidth();
            int tokens = TinyCheckpoints.CONFIG.tokensPerFrame();
            assertEquals(tokens * width, latent.getTokens().size());
            for (int d = 0; d < width; d++) {
                double mean = 0;
                for (int t = 0; t < tokens; t++) {
                    mean += latent.getTokens().get(t * width + d) / tokens;
                }
                assertEquals(latent.getEmbedding().get(d), mean, 1e-5, "the embedding pools the tokens, dimension " + d);
            }
        }
    }

    @Test
    void anActionConditionedModelScoresEachPairWithItsAction() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config().build(), registry)) {
            registry.offer(TinyCheckpoints.event(1, withActions));
            // large commands: an untrained predictor weighs the action token lightly
            FramePair left = withAction(pair("arm", 0), List.of(100f, 0f));
            FramePair right = withAction(pair("arm", 0), List.of(-100f, 200f));
            embedder.pipe(left);
            embedder.pipe(right);
            embedder.pipe(withAction(pair("arm", 1), List.of(1f, 2f, 3f)));
            embedder.lingerPasses();
            List<AnomalyEnergy> energies = embedder.energies.readValuesToList();
            assertEquals(2, energies.size());
            for (int i = 0; i < 2; i++) {
                PairSample sample = PairSamples.from(i == 0 ? left : right, TinyCheckpoints.CONFIG);
                assertEquals(plainScore(withActions, sample).energy(), energies.get(i).getEnergy(), TOLERANCE);
            }
            assertNotEquals(energies.get(0).getEnergy(), energies.get(1).getEnergy(), 1e-6,
                    "the same frames under another action are another prediction");
            assertEquals(1, embedder.deadLetters.readRecordsToList().size(),
                    "an action of the wrong length is refused, the others are answered");
        }
    }

    private static FramePair withAction(FramePair pair, List<Float> action) {
        return FramePair.newBuilder(pair).setAction(action).build();
    }

    /** The pair scored on its own, without the cache, as the embedder's config says. */
    private Scored plainScore(Path checkpoint, PairSample sample) {
        try (io.vjepastream.model.JepaInference model = io.vjepastream.model.JepaInference.load(checkpoint)) {
            return model.score(List.of(sample), config().build().scoring()).get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
