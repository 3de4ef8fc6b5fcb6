package io.vjepastream.embedder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedder's metrics at one moment.
 *
 * @param pairsScored pairs scored and answered on the latent and energy topics
 * @param pairsDeadLettered records sent to the dead-letter topic
 * @param anomalies pairs flagged anomalous
 * @param modelVersion the serving model's version name; after close, the one that answered the last pair
 *                     (or was loaded last, when none was); {@link #NO_MODEL} before any
 * @param modelLoads checkpoints loaded and swapped in
 * @param modelLoadFailures checkpoints that could not be loaded (unreadable, unverified or incompatible)
 * @param batches model calls made
 * @param batchedPairs pairs scored by those calls
 */
public record MetricsSnapshot(long pairsScored, long pairsDeadLettered, long anomalies, String modelVersion,
                              long modelLoads, long modelLoadFailures, long batches, long batchedPairs) {
    /** The model version reported before any checkpoint has been loaded. */
    public static final String NO_MODEL = "none";

    /** A snapshot without batch counts. */
    public MetricsSnapshot(long pairsScored, long pairsDeadLettered, long anomalies, String modelVersion,
                           long modelLoads, long modelLoadFailures) {
        this(pairsScored, pairsDeadLettered, anomalies, modelVersion, modelLoads, modelLoadFailures, 0, 0);
    }

    /** Pairs per model call on average; 0 before the first call. */
    public double meanBatchSize() {
        return batches == 0 ? 0 : (double) batchedPairs / batches;
    }

    /** The metrics as an ordered name-to-value map, for logs and health endpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pairs.scored", pairsScored);
        map.put("pairs.dead-lettered", pairsDeadLettered);
        map.put("pairs.anomalous", anomalies);
        map.put("model.version", modelVersion);
        map.put("model.loads", modelLoads);
        map.put("model.load-failures", modelLoadFailures);
        map.put("batches", batches);
        map.put("batch.mean-pairs", Math.round(meanBatchSize() * 100) / 100.0);
        return map;
    }
}
