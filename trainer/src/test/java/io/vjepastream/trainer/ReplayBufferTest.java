package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.PairSample;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static PairSample sample(int id) {
        return new PairSample(List.of(new byte[] {(byte) id}), List.of(new byte[] {(byte) id}));
    }

    private static int id(PairSample s) {
        return s.context().get(0)[0];
    }

    @Test
    void keepsOnlyTheNewestPairsWhenFull() {
        ReplayBuffer buffer = new ReplayBuffer(4, 1);
        for (int i = 0; i < 10; i++) {
            buffer.add(sample(i));
        }
        assertEquals(4, buffer.size());
        assertEquals(10, buffer.added());
        Set<Integer> seen = new HashSet<>();
        for (PairSample s : buffer.sample(4)) {
            seen.add(id(s));
        }
        assertEquals(Set.of(6, 7, 8, 9), seen);
    }

    @Test
    void batchesHoldDistinctPairs() {
        ReplayBuffer buffer = new ReplayBuffer(32, 2);
        for (int i = 0; i < 32; i++) {
            buffer.add(sample(i));
        }
        for (int round = 0; round < 20; round++) {
            List<PairSample> batch = buffer.sample(16);
            assertEquals(16, batch.stream().map(ReplayBufferTest::id).distinct().count());
        }
    }

    @Test
    void drawsAcrossTheWholeWindowNotInArrivalOrder() {
        ReplayBuffer buffer = new ReplayBuffer(100, 3);
        for (int i = 0; i < 100; i++) {
            buffer.add(sample(i));
        }
        int[] hits = new int[100];
        for (int round = 0; round < 200; round++) {
            for (PairSample s : buffer.sample(8)) {
                hits[id(s)]++;
            }
        }
        int oldHalf = 0;
        for (int i = 0; i < 50; i++) {
            oldHalf += hits[i];
        }
        // 1600 draws spread uniformly: each half gets about 800.
        assertTrue(oldHalf > 650 && oldHalf < 950, "old half drawn " + oldHalf + " of 1600 times");
        List<Integer> firstBatch = buffer.sample(8).stream().map(ReplayBufferTest::id).toList();
        assertTrue(!firstBatch.equals(List.of(92, 93, 94, 95, 96, 97, 98, 99)), "batch is not the arrival order");
    }

    @Test
    void aBusyStreamDoesNotCrowdOutAQuietOne() {
        ReplayBuffer buffer = new ReplayBuffer(40, 5);
        for (int i = 0; i < 100; i++) {
            buffer.add("busy", sample(i % 50));
            if (i % 10 == 0) {
                buffer.add("quiet", sample(100 + i / 10));
            }
        }
        assertEquals(40, buffer.size());
        assertEquals(10, buffer.sizes().get("quiet"), "eviction takes from the largest stream");
        int quiet = 0;
        for (int round = 0; round < 100; round++) {
            for (PairSample s : buffer.sample(8)) {
                quiet += id(s) >= 100 ? 1 : 0;
            }
        }
        // Streams are drawn uniformly: about half of 800 pairs, although the quiet one holds a quarter.
        assertTrue(quiet > 320 && quiet < 480, "quiet stream gave " + quiet + " of 800 pairs");
    }

    @Test
    void aBatchCanTakeEveryPairOfASmallStream() {
        ReplayBuffer buffer = new ReplayBuffer(16, 6);
        buffer.add("a", sample(1));
        for (int i = 0; i < 7; i++) {
            buffer.add("b", sample(10 + i));
        }
        List<PairSample> all = buffer.sample(8);
        assertEquals(8, all.stream().map(ReplayBufferTest::id).distinct().count());
    }

    @Test
    void refusesABatchLargerThanWhatItHolds() {
        ReplayBuffer buffer = new ReplayBuffer(8, 4);
        buffer.add(sample(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> buffer.sample(2));
        assertTrue(e.getMessage().contains("holds 1"), e.getMessage());
    }

    @Test
    void refusesZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0, 1));
    }
}
