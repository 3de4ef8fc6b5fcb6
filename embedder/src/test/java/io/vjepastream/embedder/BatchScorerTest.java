package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.Scoring;
import org.junit.jupiter.api.Test;

/** When a stream thread's waiting pairs are due to be scored. */
class BatchScorerTest {
    private static final long LINGER = 5;

    private static PendingPair arrivedAt(long ms) {
        return new PendingPair(new Object(), 0, "cam", 0, new byte[0], null, null, ms);
    }

    @Test
    void aQuietQueueIsDueOnceTheOldestPairHasWaitedTheLinger() {
        BatchScorer.Queue queue = new BatchScorer(null, new EmbedderMetrics(), 16, null, Scoring.DEFAULT).forCurrentThread();
        assertFalse(queue.due(100, LINGER), "nothing waits");
        queue.add(arrivedAt(100));
        queue.add(arrivedAt(102));
        assertFalse(queue.due(104, LINGER), "the oldest has waited 4 ms of 5");
        assertTrue(queue.due(105, LINGER));
        assertEquals(2, queue.size());
    }

    @Test
    void whilePairsKeepArrivingTheBatchFillsForUpToFourLingers() {
        BatchScorer.Queue queue = new BatchScorer(null, new EmbedderMetrics(), 16, null, Scoring.DEFAULT).forCurrentThread();
        queue.add(arrivedAt(100));
        queue.add(arrivedAt(110));
        assertFalse(queue.due(111, LINGER), "a pair arrived a moment ago: more are coming");
        assertTrue(queue.due(112, LINGER), "none for half a linger: score");
        queue.add(arrivedAt(120));
        assertTrue(queue.due(120, LINGER), "the oldest has waited four lingers");
    }
}
