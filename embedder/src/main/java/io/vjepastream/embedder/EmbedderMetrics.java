package io.vjepastream.embedder;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of the scoring processors. One instance is shared by every stream thread of an
 * embedder, so the counters are thread-safe adders.
 */
public final class EmbedderMetrics {
    private final LongAdder pairsScored = new LongAdder();
    private final LongAdder pairsDeadLettered = new LongAdder();
    private final LongAdder anomalies = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedPairs = new LongAdder();
    private volatile String lastVersion;

    /** Counts one pair answered by model {@code version}; {@code anomalous} when it was flagged. */
    public void scored(String version, boolean anomalous) {
        lastVersion = version;
        pairsScored.increment();
        if (anomalous) {
            anomalies.increment();
        }
    }

    /** Counts one model call that scored {@code pairs} pairs. */
    public void batchScored(int pairs) {
        batches.increment();
        batchedPairs.add(pairs);
    }

    /** Model calls made since start. */
    public long batches() {
        return batches.sum();
    }

    /** Pairs scored by those calls; divided by {@link #batches()}, the mean batch size. */
    public long batchedPairs() {
        return batchedPairs.sum();
    }

    /** Counts one record sent to the dead-letter topic. */
    public void deadLettered() {
        pairsDeadLettered.increment();
    }

    /** Pairs scored since start. */
    public long pairsScored() {
        return pairsScored.sum();
    }

    /** Records dead-lettered since start. */
    public long pairsDeadLettered() {
        return pairsDeadLettered.sum();
    }

    /** Pairs flagged anomalous since start. */
    public long anomalies() {
        return anomalies.sum();
    }

    /**
     * These counters together with the registry's model version and load counts, at this moment. Once
     * the registry is closed, the version is the one that answered the last pair.
     */
    public MetricsSnapshot snapshot(ModelRegistry registry) {
        String version = registry.currentVersion()
                .orElse(lastVersion == null ? MetricsSnapshot.NO_MODEL : lastVersion);
        return new MetricsSnapshot(pairsScored(), pairsDeadLettered(), anomalies(), version, registry.loads(),
                registry.loadFailures(), batches(), batchedPairs());
    }
}
