package io.vjepastream.ingest.pair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.mask.MaskBits;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Properties every mask must have, checked over many seeds and several grid shapes. */
class MaskGeneratorTest {
    private static final int SEEDS = 200;
    private static final int[] GRIDS = {2, 4, 8, 14};
    private static final int[] CONTEXT_FRAMES = {1, 2};

    @ParameterizedTest
    @EnumSource(MaskStrategy.class)
    void contextAndTargetAreDisjointNonEmptyCoverTheGridAndKeepEnoughContext(MaskStrategy strategy) {
        for (int grid : GRIDS) {
            for (int c : CONTEXT_FRAMES) {
                MaskGenerator generator = new MaskGenerator(new MaskSettings(strategy, 0.9, 7), c, 1, grid, 8);
                int total = (c + 1) * grid * grid;
                for (long seed = 0; seed < SEEDS; seed++) {
                    TemporalMask mask = generator.mask(seed);
                    String where = strategy + " grid " + grid + " context frames " + c + " seed " + seed;
                    byte[] context = bytes(mask.getContext());
                    byte[] target = bytes(mask.getTarget());
                    assertEquals(strategy, mask.getStrategy(), where);
                    assertEquals(c + 1, mask.getGridT(), where);
                    assertEquals(MaskBits.bytesFor(total), context.length, where);
                    assertTrue(MaskBits.disjoint(context, target), where + ": context and target overlap");
                    assertTrue(MaskBits.count(target) > 0, where + ": no target");
                    assertEquals(total, MaskBits.count(context) + MaskBits.count(target), where + ": tokens left out");
                    assertTrue(MaskBits.count(context) >= MultiBlockSampler.minKeep(total), where + ": context "
                            + MaskBits.count(context) + " below the minimum " + MultiBlockSampler.minKeep(total));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 14})
    void tubeMasksTheSameSpatialBlocksInEveryFrameAndKeepsEachFramesMinimum(int grid) {
        MaskGenerator generator = new MaskGenerator(settings(MaskStrategy.TUBE), 2, 1, grid, 8);
        int perFrame = grid * grid;
        for (long seed = 0; seed < SEEDS; seed++) {
            byte[] target = bytes(generator.mask(seed).getTarget());
            int masked = 0;
            for (int token = 0; token < perFrame; token++) {
                boolean first = MaskBits.get(target, token);
                masked += first ? 1 : 0;
                for (int t = 1; t < 3; t++) {
                    assertEquals(first, MaskBits.get(target, t * perFrame + token), "tube broken at frame " + t
                            + ", token " + token + ", seed " + seed);
                }
            }
            assertTrue(masked >= 1 && masked <= perFrame - MultiBlockSampler.minKeep(perFrame),
                    "grid " + grid + " seed " + seed + ": " + masked + " of " + perFrame + " masked per frame");
        }
    }

    @Test
    void tubeRatiosOnTheDefaultGridLieBetweenOneBlockAndTheMinimumKept() {
        MaskGenerator generator = new MaskGenerator(settings(MaskStrategy.TUBE), 2, 1, 8, 8);
        double sum = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            int masked = MaskBits.count(bytes(generator.mask(seed).getTarget())) / 3;
            // The smallest short-range block is 2 x 3 patches; the masks leave at least 7 of 64 visible.
            assertTrue(masked >= 6 && masked <= 57, "seed " + seed + " masks " + masked + " of 64");
            sum += masked / 64.0;
        }
        double mean = sum / SEEDS;
        assertTrue(mean > 0.4 && mean < 0.9, "mean masked ratio " + mean);
    }

    @Test
    void blockMasksOnlyTheTargetFrame() {
        MaskGenerator generator = new MaskGenerator(settings(MaskStrategy.BLOCK), 2, 1, 8, 8);
        for (long seed = 0; seed < SEEDS; seed++) {
            byte[] context = bytes(generator.mask(seed).getContext());
            byte[] target = bytes(generator.mask(seed).getTarget());
            for (int token = 0; token < 128; token++) {
                assertTrue(MaskBits.get(context, token), "context frames stay whole, seed " + seed);
            }
            int masked = MaskBits.count(target);
            assertTrue(masked >= 6 && masked <= 64 - MultiBlockSampler.minKeep(64), "seed " + seed + ": " + masked);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.25, 0.5, 0.75, 0.9, 0.99})
    void randomMasksHitTheRatioWithinTheBounds(double ratio) {
        MaskGenerator generator = new MaskGenerator(new MaskSettings(MaskStrategy.RANDOM, ratio, 1), 2, 1, 8, 8);
        int expected = MaskGenerator.randomTargetCount(192, ratio);
        assertTrue(expected >= 1 && expected <= 192 - MultiBlockSampler.minKeep(192));
        assertTrue(Math.abs(expected - ratio * 192) <= 1 || expected == 192 - MultiBlockSampler.minKeep(192),
                "ratio " + ratio + " gives " + expected);
        for (long seed = 0; seed < SEEDS; seed++) {
            assertEquals(expected, MaskBits.count(bytes(generator.mask(seed).getTarget())), "seed " + seed);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MaskStrategy.class, names = {"TUBE", "BLOCK", "RANDOM"})
    void aSeedReproducesItsMaskAndRecordsIt(MaskStrategy strategy) {
        MaskGenerator generator = new MaskGenerator(settings(strategy), 2, 1, 8, 8);
        Set<ByteBuffer> distinct = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            TemporalMask mask = generator.mask(seed);
            assertEquals(seed, mask.getSeed());
            assertArrayEquals(bytes(mask.getTarget()), bytes(generator.mask(seed).getTarget()));
            distinct.add(ByteBuffer.wrap(bytes(mask.getTarget())));
        }
        assertTrue(distinct.size() > 40, "50 seeds gave only " + distinct.size() + " masks");
    }

    @Test
    void pairSeedsDifferByStreamSequenceAndBaseSeed() {
        long base = MaskGenerator.pairSeed(1, "cam", 0);
        assertEquals(base, MaskGenerator.pairSeed(1, "cam", 0));
        assertNotEquals(base, MaskGenerator.pairSeed(1, "cam", 1));
        assertNotEquals(base, MaskGenerator.pairSeed(1, "wrist", 0));
        assertNotEquals(base, MaskGenerator.pairSeed(2, "cam", 0));
    }

    @Test
    void temporalIsTheDefaultAndSparseStrategiesNeedTwoPatches() {
        assertEquals(MaskStrategy.TEMPORAL, MaskSettings.defaults().strategy());
        TemporalMask temporal = new MaskGenerator(MaskSettings.defaults(), 2, 1, 1, 64).mask(3);
        assertEquals(2, MaskBits.count(bytes(temporal.getContext())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaskGenerator(settings(MaskStrategy.TUBE), 2, 1, 1, 64));
        assertTrue(e.getMessage().contains("maskStrategy = TUBE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaskSettings(MaskStrategy.RANDOM, 1.0, 0));
        assertTrue(e.getMessage().contains("maskRatio = 1.0"), e.getMessage());
    }

    private static MaskSettings settings(MaskStrategy strategy) {
        return MaskSettings.defaults().withStrategy(strategy).withSeed(42);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
