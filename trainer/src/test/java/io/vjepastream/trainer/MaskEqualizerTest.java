package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.TokenMask;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskEqualizerTest {
    private final JepaConfig model = JepaConfig.builder().imageSize(16).patchSize(8).build();
    private final List<byte[]> frames = List.of(new byte[16 * 16 * 3], new byte[16 * 16 * 3]);
    private final List<byte[]> target = List.of(new byte[16 * 16 * 3]);

    /** A 3 x 2 x 2 grid: tokens 0-7 in the context frames, 8-11 in the target frame. */
    private PairSample masked(int[] context, int[] targets) {
        BitSet c = new BitSet();
        Arrays.stream(context).forEach(c::set);
        BitSet t = new BitSet();
        Arrays.stream(targets).forEach(t::set);
        return PairSample.withMask(frames, target, TokenMask.of(3, 2, 2, c, t));
    }

    @Test
    void batchesWithoutMasksPassUnchanged() {
        List<PairSample> batch = List.of(new PairSample(frames, target), new PairSample(frames, target));
        assertSame(batch, new MaskEqualizer(model, 1).equalize(batch));
    }

    @Test
    void largerMasksAreTrimmedToTheSmallestCountsAsSubsets() {
        PairSample small = masked(new int[] {0, 1, 4}, new int[] {8, 9});
        PairSample large = masked(new int[] {0, 1, 2, 3, 4, 5}, new int[] {8, 9, 10, 11});
        List<PairSample> out = new MaskEqualizer(model, 2).equalize(List.of(small, large));

        for (PairSample pair : out) {
            assertEquals(3, pair.mask().contextIndices().length);
            assertEquals(2, pair.mask().targetIndices().length);
        }
        assertSame(small, out.get(0), "the smallest pair is already right");
        List<Integer> kept = Arrays.stream(out.get(1).mask().contextIndices()).boxed().toList();
        assertTrue(List.of(0, 1, 2, 3, 4, 5).containsAll(kept), "a subset of the original context: " + kept);
    }

    @Test
    void aPairWithoutMaskTakesTheTemporalOneInAMaskedBatch() {
        PairSample plain = new PairSample(frames, target);
        PairSample masked = masked(new int[] {0, 1}, new int[] {8});
        List<PairSample> out = new MaskEqualizer(model, 3).equalize(List.of(plain, masked));
        assertNull(plain.mask());
        assertEquals(2, out.get(0).mask().contextIndices().length);
        assertEquals(1, out.get(0).mask().targetIndices().length);
        assertTrue(out.get(0).mask().targetIndices()[0] >= 8, "the target token stays in the target frame");
    }
}
