package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMaskTest {
    /** 16 x 16 frames, patch 8: a 2 x 2 grid; 2 context frames and 1 target frame: 12 tokens a pair. */
    private static final JepaConfig TINY = JepaConfig.builder().imageSize(16).patchSize(8).build();

    @Test
    void temporalMaskIsContextFramesInTargetFrameOut() {
        TokenMask mask = TokenMask.temporal(2, 1, 2);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, mask.contextIndices());
        assertArrayEquals(new int[] {8, 9, 10, 11}, mask.targetIndices());
        assertTrue(mask.isTemporal(2, 1));
        assertFalse(mask.isTemporal(1, 2));
    }

    @Test
    void packedBitsFollowTheTemporalMaskRecordLayout() {
        // context: both context frames (tokens 0-7) and the top row of the target frame (8, 9);
        // target: the bottom row of the target frame (10, 11). Bit i is bit i % 8 of byte i / 8.
        TokenMask mask = TokenMask.packed(3, 2, 2, new byte[] {(byte) 0xFF, 0x03}, new byte[] {0x00, 0x0C});
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, mask.contextIndices());
        assertArrayEquals(new int[] {10, 11}, mask.targetIndices());
        assertFalse(mask.isTemporal(2, 1));
        assertTrue(mask.contextReaches(2));
        assertFalse(mask.targetBefore(2));
    }

    @Test
    void tubeMaskTargetsTheSameBlockInEveryFrame() {
        // a tube through all three frames at grid position (0, 1): tokens 1, 5, 9
        BitSet target = new BitSet();
        target.set(1);
        target.set(5);
        target.set(9);
        BitSet context = new BitSet();
        context.set(0, 12);
        context.andNot(target);
        TokenMask tube = TokenMask.of(3, 2, 2, context, target);
        assertArrayEquals(new int[] {0, 2, 3, 4, 6, 7, 8, 10, 11}, tube.contextIndices());
        assertTrue(tube.targetBefore(2));
        MaskPlan plan = MaskPlan.of(List.of(pair(tube), pair(tube)), TINY);
        assertFalse(plan.temporal());
        assertArrayEquals(new long[] {1, 5, 9}, plan.target()[1]);
        assertEquals(9, plan.contextCount());
    }

    @Test
    void planUsesTheTemporalIndicesWhenNoPairHasAMask() {
        MaskPlan plan = MaskPlan.of(List.of(pair(null), pair(TokenMask.temporal(2, 1, 2))), TINY);
        assertTrue(plan.temporal());
        assertArrayEquals(new long[] {8, 9, 10, 11}, plan.target()[0]);
        MaskPlan mlp = MaskPlan.of(List.of(pair(null)),
                TINY.toBuilder().encoderType(EncoderType.MLP).build());
        assertArrayEquals(new long[] {0, 1}, mlp.context()[0], "one token per frame");
        assertArrayEquals(new long[] {2}, mlp.target()[0]);
    }

    @Test
    void masksThatDoNotFitAreRefusedNamingThePair() {
        TokenMask block = TokenMask.packed(3, 2, 2, new byte[] {(byte) 0xFF, 0x03}, new byte[] {0x00, 0x0C});
        TokenMask other = TokenMask.packed(3, 2, 2, new byte[] {(byte) 0xFF, 0x01}, new byte[] {0x00, 0x0E});
        InvalidPairException counts = assertThrows(InvalidPairException.class,
                () -> MaskPlan.of(List.of(pair(block), pair(other)), TINY));
        assertEquals("pair 1 has 9 context and 3 target tokens, but pair 0 has 10 and 2; the pairs of a batch"
                + " must have equal token counts", counts.getMessage());
        InvalidPairException grid = assertThrows(InvalidPairException.class,
                () -> MaskPlan.of(List.of(pair(TokenMask.temporal(2, 1, 4))), TINY));
        assertEquals("pair 0 has a mask over 3 x 4 x 4 tokens, expected 3 x 2 x 2", grid.getMessage());
        InvalidPairException mlp = assertThrows(InvalidPairException.class, () -> MaskPlan.of(List.of(pair(block)),
                TINY.toBuilder().encoderType(EncoderType.MLP).build()));
        assertTrue(mlp.getMessage().contains("only the TEMPORAL mask applies"), mlp.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TokenMask.packed(3, 2, 2, new byte[] {0, 0}, new byte[] {1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> TokenMask.packed(1, 2, 2, new byte[] {1}, new byte[] {0x10}));
    }

    private static PairSample pair(TokenMask mask) {
        byte[] frame = new byte[TINY.frameBytes()];
        return PairSample.withMask(List.of(frame, frame), List.of(frame), mask);
    }
}
