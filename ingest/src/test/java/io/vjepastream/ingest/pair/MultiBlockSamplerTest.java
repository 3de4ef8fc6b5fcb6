package io.vjepastream.ingest.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultiBlockSamplerTest {
    @Test
    void oneBlockIsARectangleOfTheFamilysScaleAndAspect() {
        MultiBlockSampler sampler = new MultiBlockSampler(16, 16);
        BlockFamily one = new BlockFamily(1, 0.15, 0.75, 1.5);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            boolean[] masked = sampler.sample(one, random);
            int top = 16;
            int bottom = -1;
            int left = 16;
            int right = -1;
            for (int p = 0; p < masked.length; p++) {
                if (masked[p]) {
                    top = Math.min(top, p / 16);
                    bottom = Math.max(bottom, p / 16);
                    left = Math.min(left, p % 16);
                    right = Math.max(right, p % 16);
                }
            }
            int h = bottom - top + 1;
            int w = right - left + 1;
            assertEquals(h * w, MultiBlockSampler.count(masked), "the masked patches form one rectangle");
            // 0.15 * 256 = 38 patches; rounding each side moves the area by at most a row and a column.
            assertTrue(h * w >= 30 && h * w <= 48, "block " + h + "x" + w);
            double aspect = (double) h / w;
            assertTrue(aspect >= 0.75 * 5 / 7.0 && aspect <= 1.5 * 7 / 5.0, "aspect " + aspect);
        }
    }

    @Test
    void longRangeBlocksStillLeaveTheMinimumVisible() {
        MultiBlockSampler sampler = new MultiBlockSampler(2, 2);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            boolean[] masked = sampler.sample(BlockFamily.LONG_RANGE, random);
            int hidden = MultiBlockSampler.count(masked);
            assertTrue(hidden >= 1 && 4 - hidden >= MultiBlockSampler.minKeep(4), hidden + " of 4 hidden");
        }
    }

    @Test
    void referenceFamiliesAndLimits() {
        assertEquals(8, BlockFamily.SHORT_RANGE.count());
        assertEquals(0.15, BlockFamily.SHORT_RANGE.scale());
        assertEquals(2, BlockFamily.LONG_RANGE.count());
        assertEquals(0.7, BlockFamily.LONG_RANGE.scale());
        assertEquals(7, MultiBlockSampler.minKeep(64));
        assertEquals(1, MultiBlockSampler.minKeep(2));
        assertThrows(IllegalArgumentException.class, () -> new MultiBlockSampler(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockFamily(0, 0.1, 1, 1));
    }
}
