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

    /** Counts one pair scored and answered; {@code anomalous} when it was flagged. */
    public void scored(boolean anomalous) {
        pairsScored.increment();
        if (anomalous) {
            anomalies.increment();
        }
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

    /** These counters together with the registry's model version and load counts, at this moment. */
    public MetricsSnapshot snapshot(ModelRegistry registry) {
        return new MetricsSnapshot(pairsScored(), pairsDeadLettered(), anomalies(),
                registry.currentVersion().orElse(MetricsSnapshot.NO_MODEL), registry.loads(), registry.loadFailures());
    }
}
