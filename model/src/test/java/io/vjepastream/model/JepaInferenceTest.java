package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JepaInferenceTest {
    @Test
    void scoresEveryPairWithEmbeddingAndPatchEnergy() {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 21).batch(3);
        try (JepaInference model = JepaInference.of(config)) {
            List<Scored> scores = model.score(batch);
            assertEquals(3, scores.size());
            for (Scored s : scores) {
                assertEquals(config.encoderWidth(), s.embedding().length);
                assertEquals(config.tokensPerFrame(), s.patchEnergy().length);
                double mean = 0;
                for (float p : s.patchEnergy()) {
                    assertTrue(p > 0 && Float.isFinite(p), "patch energy " + p);
                    mean += p / s.patchEnergy().length;
                }
                assertEquals(mean, s.energy(), 1e-5, "energy is the mean over patches");
            }
            assertTrue(model.score(List.of()).isEmpty());
        }
    }

    @Test
    void trainingDistanceEnergyIsTheLossTheTrainerMinimises() {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 23).batch(4);
        try (JepaInference model = JepaInference.of(config); JepaTrainer trainer = new JepaTrainer(config)) {
            assertEquals(EnergyMeasure.STANDARDISED, Scoring.DEFAULT.energyMeasure(), "the default");
            double standardised = mean(model.score(batch));
            double distance = mean(model.score(batch, Scoring.DEFAULT.with(EnergyMeasure.TRAINING_DISTANCE)));
            // the same seeded weights: the first step's loss is taken before its update
            assertEquals(trainer.step(batch).loss(), distance, 1e-5);
            assertNotEquals(distance, standardised, 1e-3);
        }
    }

    @Test
    void persistenceForecastCostsNothingForAStillSceneAndIgnoresThePredictor() {
        // at start the target encoder is an exact copy of the online one, so a frame repeated as the target
        // is foreseen exactly by the newest context frame
        JepaConfig config = TestConfigs.small();
        PairSample moving = new MovingSquares(config, 24).batch(1).get(0);
        byte[] newest = moving.context().get(moving.context().size() - 1);
        PairSample still = new PairSample(moving.context(), List.of(newest));
        JepaConfig otherPredictor = config.toBuilder().predictorDepth(config.predictorDepth() + 1).build();
        try (JepaInference model = JepaInference.of(config); JepaInference other = JepaInference.of(otherPredictor)) {
            List<Scored> persistence = model.scorePersistence(List.of(still, moving));
            assertEquals(0, persistence.get(0).energy(), 1e-6, "a still scene changes nothing");
            assertTrue(persistence.get(1).energy() > 0.01, "the squares moved: " + persistence.get(1).energy());
            assertTrue(model.score(List.of(still)).get(0).energy() > 0.01, "the untrained predictor adds its own change");
            assertEquals(persistence.get(1).energy(), other.scorePersistence(List.of(moving)).get(0).energy(), 1e-5,
                    "the same encoder with another predictor forecasts the same");
        }
    }

    private static double mean(List<Scored> scores) {
        return scores.stream().mapToDouble(Scored::energy).average().orElseThrow();
    }

    @Test
    void batchedScoresEqualOneByOneScores() {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 22).batch(3);
        try (JepaInference model = JepaInference.of(config)) {
            List<Scored> together = model.score(batch);
            for (int i = 0; i < batch.size(); i++) {
                Scored alone = model.score(List.of(batch.get(i))).get(0);
                assertEquals(alone.energy(), together.get(i).energy(), 1e-5);
                assertArrayEquals(alone.embedding(), together.get(i).embedding(), 1e-4f);
            }
        }
    }

    @Test
    void seededBaselineIsReproducible() {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 23).batch(2);
        try (JepaInference a = JepaInference.of(config); JepaInference b = JepaInference.of(config);
                JepaInference other = JepaInference.of(config.toBuilder().seed(7).build())) {
            double energy = a.score(batch).get(0).energy();
            assertEquals(energy, b.score(batch).get(0).energy(), 1e-6);
            assertNotEquals(energy, other.score(batch).get(0).energy(), 1e-6);
        }
    }

    @Test
    void embeddingIsTheNewestTargetFrames() {
        JepaConfig config = TestConfigs.small().toBuilder().targetFrames(2).build();
        MovingSquares video = new MovingSquares(config, 24);
        PairSample pair = video.pair();
        PairSample otherFirstTarget = new PairSample(pair.context(), List.of(video.pair().target().get(0),
                pair.target().get(1)));
        try (JepaInference model = JepaInference.of(config)) {
            List<Scored> scores = model.score(List.of(pair, otherFirstTarget));
            assertArrayEquals(scores.get(0).embedding(), scores.get(1).embedding(), 1e-5f);
            assertNotEquals(scores.get(0).energy(), scores.get(1).energy(), 1e-6);
        }
    }

    @Test
    void scoresFromAnotherThread() throws Exception {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 25).batch(2);
        try (JepaInference model = JepaInference.of(config)) {
            double here = model.score(batch).get(1).energy();
            List<Scored> there = new ArrayList<>();
            Thread worker = new Thread(() -> there.addAll(model.score(batch)));
            worker.start();
            worker.join();
            assertEquals(here, there.get(1).energy(), 1e-6);
        }
    }

    @Test
    void rejectsPairsOfTheWrongShapeAndUseAfterClose() {
        JepaConfig config = TestConfigs.small();
        PairSample good = new MovingSquares(config, 26).pair();
        JepaInference model = JepaInference.of(config);
        InvalidPairException e = assertThrows(InvalidPairException.class,
                () -> model.score(List.of(new PairSample(good.context(), List.of()))));
        assertEquals("pair 0 has 0 target frames, expected 1", e.getMessage());
        byte[] wide = new byte[64 * 64 * 3];
        InvalidPairException size = assertThrows(InvalidPairException.class,
                () -> model.score(List.of(new PairSample(List.of(good.context().get(0), wide), good.target()))));
        assertEquals("pair 0, context frame 1 has 12288 bytes, expected 3072 (32x32 RGB24)", size.getMessage());
        model.close();
        assertThrows(IllegalStateException.class, () -> model.score(List.of(good)));
    }
}
