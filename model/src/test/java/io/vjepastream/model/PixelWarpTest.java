package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class PixelWarpTest {
    /** One channel, 4 x 4 pixels holding 0..15 row by row. */
    private static NDArray frame(NDManager manager) {
        return manager.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, new Shape(1, 1, 4, 4));
    }

    @Test
    void aShiftByHalfAPixelBlendsNeighboursAndTheEdgeRepeats() {
        try (NDManager manager = TorchRuntime.newManager()) {
            // One flow for the whole frame (a 1 x 1 grid of 4-pixel patches): fetch from half a pixel right.
            NDArray flow = manager.create(new float[] {0.5f, 0}, new Shape(1, 1, 1, 2));
            float[] moved = PixelWarp.backward(frame(manager), flow).toFloatArray();
            assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3, 4.5f, 5.5f, 6.5f, 7, 8.5f, 9.5f, 10.5f, 11, 12.5f,
                    13.5f, 14.5f, 15}, moved, 1e-5f);
        }
    }

    @Test
    void eachPatchMovesByItsOwnFlow() {
        try (NDManager manager = TorchRuntime.newManager()) {
            // A 2 x 2 grid of 2-pixel patches: the top-left patch fetches from one row down, the
            // bottom-right from one pixel left, the others stay.
            NDArray flow = manager.create(new float[] {0, 1, 0, 0, 0, 0, -1, 0}, new Shape(1, 2, 2, 2));
            float[] moved = PixelWarp.backward(frame(manager), flow).toFloatArray();
            assertArrayEquals(new float[] {4, 5, 2, 3, 8, 9, 6, 7, 8, 9, 9, 10, 12, 13, 13, 14}, moved, 1e-5f);
        }
    }

    @Test
    void theGradientReachesTheFlow() {
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray flow = manager.create(new float[] {0.25f, 0.25f}, new Shape(1, 1, 1, 2));
            flow.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(PixelWarp.backward(frame(manager), flow).sum());
            }
            float[] gradient = flow.getGradient().toFloatArray();
            // Moving right raises the pixels by 1 each, except the right column that repeats its edge;
            // moving down raises them by 4 each, except the bottom row.
            assertTrue(gradient[0] > 0 && gradient[1] > gradient[0], java.util.Arrays.toString(gradient));
        }
    }
}
