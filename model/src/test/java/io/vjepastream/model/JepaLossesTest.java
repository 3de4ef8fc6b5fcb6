package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JepaLossesTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = TorchRuntime.newManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void l1AndMseMatchValuesWorkedOutByHand() {
        NDArray prediction = manager.create(new float[] {0.21f, 0.352f, -0.085f, 0.784f});
        NDArray target = manager.create(new float[] {0.28f, 0.33f, -0.02f, 0.82f});
        // differences -0.07, 0.022, -0.065, -0.036
        // L1  = (0.07 + 0.022 + 0.065 + 0.036) / 4 = 0.04825
        // MSE = (0.0049 + 0.000484 + 0.004225 + 0.001296) / 4 = 0.00272625
        assertEquals(0.04825, JepaLosses.l1(prediction, target).getFloat(), 1e-6);
        assertEquals(0.00272625, JepaLosses.mse(prediction, target).getFloat(), 1e-7);
        assertEquals(0.00272625, JepaLosses.distance(LossType.L2, prediction, target).getFloat(), 1e-7);
        assertEquals(0.04825, JepaLosses.distance(LossType.L1, prediction, target).getFloat(), 1e-6);
    }

    @Test
    void l2IsTheMeanOverDimensionsAveragedOverTokens() {
        NDArray prediction = manager.create(new float[] {1, 2, 3, 4, 0, 0}, new Shape(1, 2, 3));
        NDArray target = manager.create(new float[] {0, 2, 5, 4, 3, -4}, new Shape(1, 2, 3));
        // token 0: (1 + 0 + 4) / 3; token 1: (0 + 9 + 16) / 3; their mean 5
        assertArrayEquals(new float[] {5f / 3, 25f / 3}, JepaLosses.perToken(LossType.L2, prediction, target)
                .toFloatArray(), 1e-6f);
        assertEquals(5f, JepaLosses.distance(LossType.L2, prediction, target).getFloat(), 1e-6f);
    }

    @Test
    void perTokenL1AveragesOverFeaturesOnly() {
        NDArray prediction = manager.create(new float[] {1, 2, 3, 4, 0, 0}, new Shape(1, 2, 3));
        NDArray target = manager.create(new float[] {0, 2, 5, 4, 3, -4}, new Shape(1, 2, 3));
        NDArray perToken = JepaLosses.l1PerToken(prediction, target);
        assertEquals(new Shape(1, 2), perToken.getShape());
        // token 0: (1 + 0 + 2) / 3; token 1: (0 + 3 + 4) / 3
        assertArrayEquals(new float[] {1f, 7f / 3}, perToken.toFloatArray(), 1e-6f);
    }

    @Test
    void tokenLayerNormGivesZeroMeanAndUnitVariancePerToken() {
        NDArray tokens = manager.create(new float[] {1, 2, 3, 6, 10, 10, 10, 14}, new Shape(1, 2, 4));
        float[] normed = JepaLosses.tokenLayerNorm(tokens).toFloatArray();
        // token 0: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5
        double sd = Math.sqrt(3.5 + JepaLosses.NORM_EPSILON);
        assertArrayEquals(new float[] {(float) (-2 / sd), (float) (-1 / sd), 0f, (float) (3 / sd)},
                java.util.Arrays.copyOfRange(normed, 0, 4), 1e-5f);
        for (int token = 0; token < 2; token++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < 4; i++) {
                mean += normed[token * 4 + i] / 4.0;
                square += normed[token * 4 + i] * normed[token * 4 + i] / 4.0;
            }
            assertEquals(0.0, mean, 1e-6, "mean of token " + token);
            assertEquals(1.0, square - mean * mean, 1e-4, "variance of token " + token);
        }
    }
}
