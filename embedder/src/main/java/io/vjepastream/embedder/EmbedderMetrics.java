package io.vjepastream.embedder;

import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    private final Timer scoring;
    private final Timer answerLag;

    /** Counters only, without timers. */
    public EmbedderMetrics() {
        this(null, null);
    }

    /**
     * Counters that also time each model call and each answer's lag behind its capture.
     *
     * @param scoring records the duration of every model call, or null
     * @param answerLag records, per answered pair, wall-clock time from its last frame's capture to the answer, or null
     */
    public EmbedderMetrics(Timer scoring, Timer answerLag) {
        this.scoring = scoring;
        this.answerLag = answerLag;
    }

    /**
     * Counts one pair answered by model {@code version} at {@code nowMillis} (Kafka Streams' wall-clock time)
     * and times its lag behind {@code captureTimeMicros}, the wall-clock capture time of the pair's last frame.
     */
    public void scored(String version, boolean anomalous, long captureTimeMicros, long nowMillis) {
        scored(version, anomalous);
        if (answerLag != null && captureTimeMicros > 0) {
            long lagMicros = nowMillis * 1000 - captureTimeMicros;
            answerLag.record(Math.max(0, lagMicros), TimeUnit.MICROSECONDS);
        }
    }

    /** Counts one model call that scored {@code pairs} pairs in {@code nanos} nanoseconds. */
    public void batchScored(int pairs, long nanos) {
        batchScored(pairs);
        if (scoring != null) {
            scoring.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

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
     * the registry is closed, the version is the one that answered the last pair, or the one loaded last
     * when none was answered.
     */
    public MetricsSnapshot snapshot(ModelRegistry registry) {
        String version = registry.currentVersion().or(() -> Optional.ofNullable(lastVersion))
                .or(registry::lastInstalledVersion).orElse(MetricsSnapshot.NO_MODEL);
        return new MetricsSnapshot(pairsScored(), pairsDeadLettered(), anomalies(), version, registry.loads(),
                registry.loadFailures(), batches(), batchedPairs());
    }
}
