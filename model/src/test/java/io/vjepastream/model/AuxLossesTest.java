package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuxLossesTest {
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
    void vicregMatchesValuesWorkedOutByHand() {
        NDArray a = matrix(1, 1, -1, -1);
        NDArray b = matrix(1, 0, -1, 0);
        // invariance: differences (0, 1, 0, -1): mean square 0.5
        // variance (unbiased, B - 1 = 1): a has var 2 in both dims -> hinge 0;
        //   b has var 2 and 0 -> relu(1 - sqrt(2 + 1e-4)) = 0 and relu(1 - sqrt(1e-4)) = 0.99 -> mean 0.495
        //   term (0 + 0.495) / 2 = 0.2475
        // covariance: cov(a) = [[2, 2], [2, 2]] -> off-diagonal squares 8; cov(b) = [[2, 0], [0, 0]] -> 0;
        //   term (8 + 0) / D = 4
        assertEquals(0.2475, AuxLosses.vicreg(a, b, 0f, 1f, 0f).getFloat(), 1e-6);
        assertEquals(4.0, AuxLosses.vicreg(a, b, 0f, 0f, 1f).getFloat(), 1e-6);
        assertEquals(0.5, AuxLosses.vicreg(a, b, 1f, 0f, 0f).getFloat(), 1e-6);
        // the reference's coefficients 25 / 25 / 1: 12.5 + 6.1875 + 4
        assertEquals(22.6875, AuxLosses.vicreg(a, b, 25f, 25f, 1f).getFloat(), 1e-5);
    }

    @Test
    void barlowTwinsMatchesValuesWorkedOutByHand() {
        NDArray a = matrix(1, 3, -1, 1);
        NDArray b = matrix(2, 0, 0, 2);
        // standardised over the batch (biased variance 1 in every column, s^2 = 1 + 1e-5):
        //   za = [[1, 1], [-1, -1]] / s, zb = [[1, -1], [-1, 1]] / s
        // C = za^T zb / 2 = [[1, -1], [1, -1]] / s^2
        // loss = (1 - 1/s^2)^2 + (1 + 1/s^2)^2 + lambda * (2 / s^4)
        double c = 1 / (1 + 1e-5);
        double expected = Math.pow(1 - c, 2) + Math.pow(1 + c, 2) + 0.5 * 2 * c * c;
        assertEquals(expected, AuxLosses.barlowTwins(a, b, 0.5f).getFloat(), 1e-5);
        assertEquals(4.99994, expected, 1e-5);
    }

    @Test
    void dinoIsTheSquaredDistanceOfTheBatchMeanToTheCentre() {
        NDArray z = matrix(1, 2, 3, 4);
        // batch mean (2, 3), centre (1, 1): 1^2 + 2^2
        assertEquals(5.0, AuxLosses.dino(z, manager.create(new float[] {1, 1})).getFloat(), 1e-6);
        TrainerState state = new TrainerState();
        state.updateDinoCentre(new float[] {2, 3}, 0.9f);
        // from zeros: 0.1 * mean
        assertArrayEquals(new float[] {0.2f, 0.3f}, state.dinoCentre, 1e-7f);
        state.updateDinoCentre(new float[] {2, 3}, 0.9f);
        assertArrayEquals(new float[] {0.38f, 0.57f}, state.dinoCentre, 1e-6f);
    }

    private NDArray matrix(float a, float b, float c, float d) {
        return manager.create(new float[] {a, b, c, d}, new Shape(2, 2));
    }
}
