package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The residual base of the predictor: the newest context frame's token at the target's place. */
class PredictorResidualTest {
    /** 16 x 16 frames on a 2 x 2 grid: 4 tokens a frame; frames 0 and 1 are context, frame 2 the target. */
    private static final JepaConfig CONFIG = JepaConfig.builder().imageSize(16).patchSize(8)
            .encoderWidth(4).encoderHeads(1).predictorWidth(4).predictorHeads(1).predictorResidual(true).build();

    private static PairSample pair(TokenMask mask) {
        byte[] frame = new byte[16 * 16 * 3];
        return new PairSample(List.of(frame, frame), List.of(frame), null, mask);
    }

    /** Tokens [1, n, 4]: token j is (10 j, 1, 2, 3), so each one normalises to a different vector. */
    private static NDArray tokens(NDManager manager, int n) {
        float[] values = new float[n * 4];
        for (int j = 0; j < n; j++) {
            values[j * 4] = 10f * j;
            values[j * 4 + 1] = 1;
            values[j * 4 + 2] = 2;
            values[j * 4 + 3] = 3;
        }
        return manager.create(values, new Shape(1, n, 4));
    }

    @Test
    void temporalTargetsStartFromTheNewestContextFrameAtTheSamePlace() {
        MaskPlan plan = MaskPlan.of(List.of(pair(null)), CONFIG);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray context = tokens(manager, 8);
            NDArray base = JepaForward.newestContextBase(context, manager, plan, CONFIG);
            NDArray expected = JepaLosses.tokenLayerNorm(context.get(":, 4:, :"));
            assertArrayEquals(expected.toFloatArray(), base.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aTargetWhosePlaceIsHiddenInTheNewestContextFrameStartsFromZero() {
        // Context: frame 0 whole, frame 1 without place 3; targets: frame 1 place 3 and frame 2 places 0 and 3.
        BitSet context = new BitSet();
        context.set(0, 7);
        BitSet target = new BitSet();
        target.set(7);
        target.set(8);
        target.set(11);
        MaskPlan plan = MaskPlan.of(List.of(pair(TokenMask.of(3, 2, 2, context, target))), CONFIG);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray contextTokens = tokens(manager, 7);
            float[] base = JepaForward.newestContextBase(contextTokens, manager, plan, CONFIG).toFloatArray();
            float[] normed = JepaLosses.tokenLayerNorm(contextTokens).toFloatArray();
            for (int d = 0; d < 4; d++) {
                assertEquals(0f, base[d], 1e-9f, "frame 1 place 3 is itself hidden");
                assertEquals(normed[4 * 4 + d], base[4 + d], 1e-6f, "frame 2 place 0 starts from frame 1 place 0");
                assertEquals(0f, base[8 + d], 1e-9f, "frame 2 place 3 is hidden in frame 1");
            }
        }
    }
}
