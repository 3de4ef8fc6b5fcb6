package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportPredictorTest {
    private static JepaConfig transport() {
        return TestConfigs.small().toBuilder().predictorType(PredictorType.TRANSPORT).build();
    }

    @Test
    void shiftsShowEachNeighbourAtItsPlaceAndZerosOffTheGrid() {
        // A 1-channel 3 x 3 grid holding 1..9 row by row, radius 1: the offset (-1, -1) view holds at
        // each place the value up and to the left of it.
        JepaConfig config = TestConfigs.small().toBuilder().imageSize(24).predictorType(PredictorType.TRANSPORT).build();
        TransportPredictor predictor = new TransportPredictor(config);
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray grid = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 3, 3, 1));
            NDList shifts = predictor.shifts(grid);
            assertEquals(9, shifts.size());
            assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, shifts.get(0).toFloatArray(), "up-left");
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, shifts.get(4).toFloatArray(), "centre");
            assertArrayEquals(new float[] {2, 3, 0, 5, 6, 0, 8, 9, 0}, shifts.get(5).toFloatArray(), "right");
            assertArrayEquals(new float[] {5, 6, 0, 8, 9, 0, 0, 0, 0}, shifts.get(8).toFloatArray(), "down-right");
        }
    }

    @Test
    void predictsOneTokenPerPlaceOfTheTargetFrameNearThePersistenceForecastUntrained() {
        JepaConfig config = transport();
        List<PairSample> batch = new MovingSquares(config, 3).batch(4);
        try (JepaInference model = JepaInference.of(config)) {
            List<Scored> scores = model.score(batch);
            List<Scored> persistence = model.scorePersistence(batch);
            assertEquals(4, scores.size());
            for (int i = 0; i < scores.size(); i++) {
                assertEquals(config.gridSize() * config.gridSize(), scores.get(i).patchEnergy().length);
                assertTrue(Double.isFinite(scores.get(i).energy()));
                // The centre prior makes the untrained mix mostly the token in place.
                assertEquals(persistence.get(i).energy(), scores.get(i).energy(), 0.5 * persistence.get(i).energy(),
                        "pair " + i);
            }
        }
    }

    @Test
    void theWarpPredictorStartsNearThePersistenceForecastToo() {
        JepaConfig config = transport().toBuilder().predictorType(PredictorType.WARP).build();
        List<PairSample> batch = new MovingSquares(config, 3).batch(4);
        try (JepaInference model = JepaInference.of(config)) {
            List<Scored> scores = model.score(batch);
            List<Scored> persistence = model.scorePersistence(batch);
            for (int i = 0; i < scores.size(); i++) {
                assertEquals(config.gridSize() * config.gridSize(), scores.get(i).patchEnergy().length);
                // Symmetric weights around the centre prior mean a flow near 0: the newest frame as it is.
                assertEquals(persistence.get(i).energy(), scores.get(i).energy(), 0.2 * persistence.get(i).energy(),
                        "pair " + i);
            }
        }
    }

    @Test
    void everyBatchSizeScoresFinite() {
        // A batch of a new size, after many of another, is where a convolution once returned garbage.
        JepaConfig config = transport();
        MovingSquares squares = new MovingSquares(config, 5);
        try (JepaInference model = JepaInference.of(config)) {
            for (int size : new int[] {32, 32, 32, 20, 7, 32, 1}) {
                for (Scored s : model.score(squares.batch(size))) {
                    assertTrue(Double.isFinite(s.energy()), "batch of " + size + ": " + s.energy());
                }
            }
        }
    }

    @Test
    void learnsToMoveTokensWhereThePersistenceForecastFails() {
        assertLearnsToMove(PredictorType.TRANSPORT);
    }

    @Test
    void learnsToMovePixelsWhereThePersistenceForecastFails() {
        assertLearnsToMove(PredictorType.WARP);
    }

    private static void assertLearnsToMove(PredictorType type) {
        JepaConfig config = transport().toBuilder().predictorType(type).targetEncoderMode(TargetEncoderMode.DEFAULT)
                .learningRate(3e-3f).loss(LossType.L2).changeWeight(4).build();
        MovingSquares squares = new MovingSquares(config, 11);
        List<PairSample> heldOut = squares.batch(32);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int step = 0; step < 120; step++) {
                trainer.step(squares.batch(16));
            }
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(type.key() + "-");
            trainer.save(dir);
            try (JepaInference model = JepaInference.load(dir)) {
                Scoring distance = Scoring.DEFAULT.with(EnergyMeasure.TRAINING_DISTANCE);
                double predicted = mean(model.score(heldOut, distance));
                double persistence = mean(model.scorePersistence(heldOut, distance));
                assertTrue(predicted < 0.9 * persistence, type.key() + ": held-out loss " + predicted
                        + " against persistence " + persistence);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusesWhatItCannotPredict() {
        JepaConfig.Builder b = transport().toBuilder();
        IllegalArgumentException radius = assertThrows(IllegalArgumentException.class,
                () -> b.transportRadius(4).build());
        assertTrue(radius.getMessage().contains("transportRadius=4 must be in [1, 3]"), radius.getMessage());
        assertThrows(IllegalArgumentException.class, () -> transport().toBuilder().contextFrames(1).build());
        assertThrows(IllegalArgumentException.class, () -> transport().toBuilder().actionDim(2).build());
        assertThrows(IllegalArgumentException.class, () -> transport().toBuilder().encoderType(EncoderType.MLP).build());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> JepaConfig.fromProperties(java.util.Map.of("predictorType", "diffusion")));
        assertTrue(type.getMessage().contains("'predictorType' has value 'diffusion'")
                && type.getMessage().contains("transformer, transport, warp"), type.getMessage());
    }

    private static double mean(List<Scored> scores) {
        return scores.stream().mapToDouble(Scored::energy).average().orElseThrow();
    }
}
