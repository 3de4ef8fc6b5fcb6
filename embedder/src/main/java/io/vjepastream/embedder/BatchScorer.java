package io.vjepastream.embedder;

import io.vjepastream.model.FrameEncodings;
import io.vjepastream.model.InvalidPairException;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import io.vjepastream.model.Scoring;
import io.vjepastream.model.StreamPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores the pairs buffered by all the scoring processors of one stream thread together, so that a
 * thread serving several partitions (several cameras) makes one model call for all of them.
 *
 * <p>One queue per stream thread: a task is processed and punctuated only on its own thread, so the
 * queue is never shared between threads and needs no locking. {@link #forCurrentThread()} is called on
 * each use rather than once at init, because a processor's thread is only certain while it processes.
 * The model is leased once per chunk of at most {@link EmbedderConfig#batchMaxPairs()} pairs, so a whole
 * chunk is scored, and stamped, by one model version; a swap takes effect between chunks.
 *
 * <p>With a {@link FrameEncodings} cache (shared by all stream threads), each frame's encoder tokens are
 * kept for the stream's next pairs, which share frames with this one; the cache empties itself when
 * another model scores, so a swap never mixes two models' tokens. Without one, every frame of every
 * pair is encoded.
 */
final class BatchScorer {
    private final ModelRegistry registry;
    private final EmbedderMetrics metrics;
    private final int maxPairs;
    private final FrameEncodings frameCache;
    private final Scoring scoring;
    private final Map<Thread, Queue> queues = new ConcurrentHashMap<>();

    /**
     * A scorer that reuses frame encodings from {@code frameCache}, or encodes every frame when it is null,
     * and scores as {@code scoring} says.
     */
    BatchScorer(ModelRegistry registry, EmbedderMetrics metrics, int maxPairs, FrameEncodings frameCache,
                Scoring scoring) {
        this.registry = registry;
        this.metrics = metrics;
        this.maxPairs = maxPairs;
        this.frameCache = frameCache;
        this.scoring = Objects.requireNonNull(scoring, "scoring");
    }

    /** The queue of the calling stream thread. */
    Queue forCurrentThread() {
        return queues.computeIfAbsent(Thread.currentThread(), thread -> new Queue());
    }

    /** The pairs of one stream thread that wait to be scored, oldest first. */
    final class Queue {
        private final List<PendingPair> waiting = new ArrayList<>();
        private long lastAddedMs = Long.MIN_VALUE;

        private Queue() {
        }

        void add(PendingPair pending) {
            waiting.add(pending);
            lastAddedMs = Math.max(lastAddedMs, pending.arrivedMs());
        }

        /**
         * True when the waiting pairs should be scored now, at wall-clock {@code nowMs}: the oldest has
         * waited the linger and no pair has arrived for half a linger (at least 1 ms), or the oldest has
         * waited four lingers. While pairs keep arriving (a backlog being read, poll after poll) the batch
         * keeps filling up to its size, which is where a model call is cheapest per pair; the second
         * bound keeps the wait short all the same.
         */
        boolean due(long nowMs, long lingerMs) {
            if (waiting.isEmpty()) {
                return false;
            }
            long oldest = waiting.get(0).arrivedMs();
            long quiet = Math.max(1, lingerMs / 2);
            return oldest <= nowMs - lingerMs && (lastAddedMs <= nowMs - quiet || oldest <= nowMs - 4 * lingerMs);
        }

        int size() {
            return waiting.size();
        }

        /** Forgets the waiting pairs of a processor that is closing; its pending store keeps them. */
        void removeAll(Object owner) {
            waiting.removeIf(p -> p.owner() == owner);
        }

        /** Scores every waiting pair, in chunks of at most the batch size, and marks each done. */
        void scoreAll() {
            while (!waiting.isEmpty()) {
                int n = Math.min(maxPairs, waiting.size());
                List<PendingPair> chunk = new ArrayList<>(waiting.subList(0, n));
                waiting.subList(0, n).clear();
                score(chunk);
            }
        }
    }

    private void score(List<PendingPair> chunk) {
        try (ModelRegistry.Lease lease = registry.lease()) {
            List<StreamPair> inputs = new ArrayList<>(chunk.size());
            chunk.forEach(p -> inputs.add(p.input()));
            try {
                long start = System.nanoTime();
                List<Scored> results = scoreWith(lease, inputs);
                long nanos = System.nanoTime() - start;
                for (int i = 0; i < chunk.size(); i++) {
                    chunk.get(i).scored(results.get(i), lease.version());
                }
                metrics.batchScored(chunk.size(), nanos);
            } catch (InvalidPairException e) {
                // One pair spoils the call for all; score them one by one so only that one is refused.
                for (PendingPair pending : chunk) {
                    scoreAlone(lease, pending);
                }
            }
        }
    }

    private void scoreAlone(ModelRegistry.Lease lease, PendingPair pending) {
        try {
            long start = System.nanoTime();
            Scored scored = scoreWith(lease, List.of(pending.input())).get(0);
            metrics.batchScored(1, System.nanoTime() - start);
            pending.scored(scored, lease.version());
        } catch (InvalidPairException e) {
            pending.failed("model " + lease.version() + " rejects the pair: " + e.getMessage(), lease.version());
        }
    }

    private List<Scored> scoreWith(ModelRegistry.Lease lease, List<StreamPair> inputs) {
        if (frameCache != null) {
            return lease.inference().score(inputs, frameCache, scoring);
        }
        List<PairSample> samples = new ArrayList<>(inputs.size());
        inputs.forEach(p -> samples.add(p.sample()));
        return lease.inference().score(samples, scoring);
    }
}
