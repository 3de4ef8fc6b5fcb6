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

    @Test
    void standardisedErrorDividesEachDimensionByItsSpreadOverThePairsTokens() {
        // pair 0: dimension 0 is 1 and 3 over the two tokens (variance 1), dimension 1 is 5 in both (variance 0)
        // pair 1: dimension 0 is 10 and 14 (variance 4), dimension 1 is 0 and 2 (variance 1)
        NDArray target = manager.create(new float[] {1, 5, 3, 5, 10, 0, 14, 2}, new Shape(2, 2, 2));
        NDArray prediction = manager.create(new float[] {2, 5.1f, 3, 5, 12, 0, 14, 2}, new Shape(2, 2, 2));
        double floor = JepaLosses.SPREAD_FLOOR;
        assertEquals(1e-3, floor, 1e-9, "the worked numbers below assume this floor");
        // pair 0, token 0: (1^2 / (1 + 0.001) + 0.1^2 / (0 + 0.001)) / 2 = (0.999 + 10) / 2: an error of 0.1 in a
        // dimension in which the frame does not vary counts ten times an error of 1 in one that varies by 1
        double pair0 = (1 / 1.001 + 0.01 / 0.001) / 2;
        // pair 1, token 0: (2^2 / (4 + 0.001) + 0) / 2
        double pair1 = (4 / 4.001) / 2;
        float[] errors = JepaLosses.standardisedSquaredError(prediction, target, target).toFloatArray();
        assertArrayEquals(new float[] {(float) pair0, 0f, (float) pair1, 0f}, errors, 1e-3f);
        // each pair is measured against its own tokens only
        NDArray second = target.get("1:");
        float[] alone = JepaLosses.standardisedSquaredError(prediction.get("1:"), second, second).toFloatArray();
        assertArrayEquals(new float[] {(float) pair1, 0f}, alone, 1e-6f);
    }

    @Test
    void standardisedErrorTakesTheSpreadFromTheTokensItIsGiven() {
        NDArray target = manager.create(new float[] {1, 5, 3, 5}, new Shape(1, 2, 2));
        NDArray prediction = manager.create(new float[] {2, 5.1f, 3, 5}, new Shape(1, 2, 2));
        // two more tokens (as from a context frame): dimension 0 is 1, 3, 2, 2 (variance 0.5), dimension 1 is
        // 5, 5, 7, 3 (variance 2), so the 0.1 error in dimension 1 now weighs little
        NDArray spread = target.concat(manager.create(new float[] {2, 7, 2, 3}, new Shape(1, 2, 2)), 1);
        double token0 = (1 / 0.501 + 0.01 / 2.001) / 2;
        float[] errors = JepaLosses.standardisedSquaredError(prediction, target, spread).toFloatArray();
        assertArrayEquals(new float[] {(float) token0, 0f}, errors, 1e-4f);
    }
}
