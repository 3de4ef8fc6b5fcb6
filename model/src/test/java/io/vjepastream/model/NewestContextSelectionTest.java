package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Which context token each target token starts from. */
class NewestContextSelectionTest {
    /** A 2 x 2 grid (4 tokens a frame), three context frames: the newest starts at position 8. */
    private static final JepaConfig GRID = JepaConfig.builder().imageSize(16).patchSize(8).contextFrames(3)
            .encoderWidth(4).encoderHeads(1).predictorWidth(4).predictorHeads(1).build();

    private static NDArray positions(NDManager manager, long... values) {
        return manager.create(values, new Shape(1, values.length));
    }

    @Test
    void eachTargetPicksTheNewestContextFramesTokenAtItsPlaceAndAHiddenPlacePicksNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Context: frames 0 and 1 whole, frame 2 without place 1. Targets: frame 3 places 0, 1 and 3.
            NDArray context = positions(manager, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11);
            NDArray target = positions(manager, 12, 13, 15);
            float[] selection = NewestContextSelection.of(context, target, GRID).toFloatArray();
            float[] expected = {
                0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
            };
            assertArrayEquals(expected, selection);
        }
    }

    @Test
    void oneTokenPerFramePicksTheNewestContextFrame() {
        JepaConfig mlp = GRID.toBuilder().encoderType(EncoderType.MLP).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] selection = NewestContextSelection.of(positions(manager, 0, 1, 2), positions(manager, 3), mlp)
                    .toFloatArray();
            assertArrayEquals(new float[] {0, 0, 1}, selection);
        }
    }
}
