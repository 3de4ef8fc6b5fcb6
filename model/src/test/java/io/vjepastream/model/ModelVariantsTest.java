package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every encoder, target-encoder mode, loss, auxiliary loss, mask and action path trains and scores. */
class ModelVariantsTest {
    /** 16 x 16 frames on a 2 x 2 grid, one-block networks: a few milliseconds a step. */
    private static final JepaConfig TINY = JepaConfig.builder().imageSize(16).patchSize(8)
            .encoderWidth(32).encoderDepth(1).encoderHeads(2).mlpRatio(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).warmupSteps(0).build();

    @Test
    void convolutionalEncoderKeepsTheTokenGrid() {
        JepaConfig config = TINY.toBuilder().encoderType(EncoderType.CNN).build();
        trainAndScore(config, config.gridSize() * config.gridSize());
    }

    @Test
    void mlpEncoderMakesOneTokenPerFrame() {
        JepaConfig config = TINY.toBuilder().encoderType(EncoderType.MLP).build();
        float[] patches = trainAndScore(config, 1);
        for (float p : patches) {
            assertEquals(patches[0], p, "the one token's energy covers the whole grid");
        }
    }

    @Test
    void everyTargetEncoderModeTrains() {
        for (TargetEncoderMode mode : TargetEncoderMode.values()) {
            trainAndScore(TINY.toBuilder().targetEncoderMode(mode).build(), 4);
        }
    }

    @Test
    void inDefaultModeTheOnlineEncoderLearnsOnlyFromTheAuxiliaryLoss() {
        JepaConfig config = TINY.toBuilder().targetEncoderMode(TargetEncoderMode.DEFAULT).build();
        List<PairSample> batch = new MovingSquares(config, 4).batch(4);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            float[] before = firstOnlineWeight(trainer);
            trainer.step(batch);
            assertArrayEquals(before, firstOnlineWeight(trainer), "no prediction gradient reaches it");
        }
        JepaConfig withAux = config.toBuilder().auxLoss(AuxLossType.VICREG).build();
        try (JepaTrainer trainer = new JepaTrainer(withAux)) {
            float[] before = firstOnlineWeight(trainer);
            trainer.step(batch);
            assertFalse(java.util.Arrays.equals(before, firstOnlineWeight(trainer)));
        }
    }

    @Test
    void l2LossAndEveryAuxiliaryLossTrain() {
        trainAndScore(TINY.toBuilder().loss(LossType.L2).build(), 4);
        for (AuxLossType aux : List.of(AuxLossType.VICREG, AuxLossType.BARLOW_TWINS, AuxLossType.DINO)) {
            JepaConfig config = TINY.toBuilder().auxLoss(aux).auxWeight(0.1f).build();
            try (JepaTrainer trainer = new JepaTrainer(config)) {
                StepResult result = trainer.step(new MovingSquares(config, 2).batch(4));
                assertTrue(trainer.lastAuxLoss() > 0, aux + " loss " + trainer.lastAuxLoss());
                assertEquals(trainer.lastPredictionLoss() + 0.1f * trainer.lastAuxLoss(), result.loss(), 1e-5f);
            }
        }
    }

    @Test
    void actionEntersThePredictor() {
        JepaConfig config = TINY.toBuilder().actionDim(3).actionEmbDim(4).build();
        PairSample plain = new MovingSquares(config, 5).pair();
        PairSample left = PairSample.withAction(plain.context(), plain.target(), new float[] {1, 0, 0});
        PairSample right = PairSample.withAction(plain.context(), plain.target(), new float[] {0, 0, 5});
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            assertTrue(Float.isFinite(trainer.step(List.of(left, right, plain)).loss()));
        }
        try (JepaInference model = JepaInference.of(config)) {
            List<Scored> scores = model.score(List.of(left, right));
            assertNotEquals(scores.get(0).energy(), scores.get(1).energy(), "the action changes the prediction");
            InvalidPairException wrong = assertThrows(InvalidPairException.class, () -> model.score(List.of(
                    PairSample.withAction(plain.context(), plain.target(), new float[] {1}))));
            assertEquals("pair 0 has an action of 1 values, expected actionDim=3", wrong.getMessage());
        }
    }

    @Test
    void maskedPairsPredictOnlyTheirTargetTokens() {
        // context: both context frames and the top row of the target frame; target: its bottom row
        TokenMask block = TokenMask.packed(3, 2, 2, new byte[] {(byte) 0xFF, 0x03}, new byte[] {0x00, 0x0C});
        List<PairSample> batch = new ArrayList<>();
        for (PairSample pair : new MovingSquares(TINY, 6).batch(3)) {
            batch.add(PairSample.withMask(pair.context(), pair.target(), block));
        }
        for (TargetEncoderMode mode : TargetEncoderMode.values()) {
            JepaConfig config = TINY.toBuilder().targetEncoderMode(mode).build();
            try (JepaTrainer trainer = new JepaTrainer(config)) {
                assertTrue(Float.isFinite(trainer.step(batch).loss()), mode.key());
            }
        }
        try (JepaInference model = JepaInference.of(TINY)) {
            Scored s = model.score(batch).get(0);
            float[] patches = s.patchEnergy();
            assertEquals(0f, patches[0], "not predicted");
            assertEquals(0f, patches[1], "not predicted");
            assertTrue(patches[2] > 0 && patches[3] > 0);
            assertEquals((patches[2] + patches[3]) / 2, s.energy(), 1e-5);
        }
    }

    @Test
    void nativeMemoryStaysFlatWithMasksActionsAuxiliaryLossAndDropout() {
        TokenMask block = TokenMask.packed(3, 2, 2, new byte[] {(byte) 0xFF, 0x03}, new byte[] {0x00, 0x0C});
        for (TargetEncoderMode mode : TargetEncoderMode.values()) {
            JepaConfig config = TINY.toBuilder().targetEncoderMode(mode).auxLoss(AuxLossType.DINO).actionDim(2)
                    .predictorDropout(0.1f).build();
            List<PairSample> batch = new ArrayList<>();
            for (PairSample pair : new MovingSquares(config, 10).batch(3)) {
                batch.add(new PairSample(pair.context(), pair.target(), new float[] {1, -1}, block));
            }
            try (JepaTrainer trainer = new JepaTrainer(config)) {
                trainer.step(batch); // the first update creates the AdamW moments
                int arrays = trainer.networks().manager().getManagedArrays().size();
                for (int i = 0; i < 3; i++) {
                    trainer.step(batch);
                    trainer.embed(batch);
                }
                assertEquals(arrays, trainer.networks().manager().getManagedArrays().size(), mode.key());
            }
        }
    }

    @Test
    void dropoutRunsAreRepeatableForASeed() {
        JepaConfig config = TINY.toBuilder().predictorDropout(0.3f).build();
        List<PairSample> batch = new MovingSquares(config, 8).batch(4);
        // On a busy machine two runs have differed in the last bits of a loss (2e-7), from float
        // rounding. Dropout itself moves these losses by 8e-6 at the first step and 2e-3 at the second.
        assertArrayEquals(losses(config, batch), losses(config, batch), 1e-6f);
    }

    @Test
    void scalingTheLearningRateScalesEveryLaterStep() {
        try (JepaTrainer trainer = new JepaTrainer(TINY)) {
            double peak = TINY.learningRate();
            assertEquals(peak, trainer.learningRate(), 1e-9);
            trainer.scaleLearningRate(0.5);
            trainer.scaleLearningRate(0.5);
            assertEquals(peak / 4, trainer.learningRate(), 1e-9);
            assertThrows(IllegalArgumentException.class, () -> trainer.scaleLearningRate(0));
            assertThrows(IllegalArgumentException.class, () -> trainer.scaleLearningRate(Double.NaN));
        }
    }

    @Test
    void collapseStatisticsComeFromTheOnlineEmbeddings() {
        List<PairSample> batch = new MovingSquares(TINY, 9).batch(5);
        try (JepaTrainer trainer = new JepaTrainer(TINY); JepaInference model = JepaInference.of(TINY)) {
            float[][] embeddings = trainer.embed(batch);
            assertEquals(5, embeddings.length);
            assertEquals(TINY.encoderWidth(), embeddings[0].length);
            assertArrayEquals(embeddings[2], model.embed(batch)[2], 1e-5f, "same seed, same weights");
            CollapseStatistics stats = trainer.collapseStatistics(batch);
            assertTrue(stats.effectiveRank() > 1 && stats.effectiveRank() <= 5, "rank " + stats.effectiveRank());
            assertTrue(stats.meanStd() > 0);
        }
    }

    private static float[] losses(JepaConfig config, List<PairSample> batch) {
        float[] out = new float[3];
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < 3; i++) {
                out[i] = trainer.step(batch).loss();
            }
        }
        return out;
    }

    /** Two steps, then scores; returns the patch energies of the first pair. */
    private static float[] trainAndScore(JepaConfig config, int expectedTokens) {
        MovingSquares video = new MovingSquares(config, 1);
        assertEquals(expectedTokens, config.tokensPerFrame());
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            float[] before = firstPredictorWeight(trainer);
            for (int i = 0; i < 2; i++) {
                StepResult result = trainer.step(video.batch(4));
                assertTrue(Float.isFinite(result.loss()), config.toString());
            }
            assertEquals(2, trainer.steps());
            assertFalse(java.util.Arrays.equals(before, firstPredictorWeight(trainer)), "the predictor learned");
        }
        try (JepaInference model = JepaInference.of(config)) {
            Scored s = model.score(video.batch(2)).get(0);
            assertEquals(config.encoderWidth(), s.embedding().length);
            assertEquals(config.gridSize() * config.gridSize(), s.patchEnergy().length);
            assertTrue(s.energy() > 0 && Double.isFinite(s.energy()));
            return s.patchEnergy();
        }
    }

    private static float[] firstOnlineWeight(JepaTrainer trainer) {
        return trainer.networks().online().getParameters().valueAt(0).getArray().toFloatArray();
    }

    private static float[] firstPredictorWeight(JepaTrainer trainer) {
        return trainer.networks().predictor().getParameters().valueAt(0).getArray().toFloatArray();
    }
}
