package io.vjepastream.embedder;

/**
 * When a pair is anomalous: its energy's z-score against the stream's running statistics reaches the
 * threshold, once the stream has had the warm-up's pairs. The embedder flags by it, and so do
 * {@code vjepa score} and {@code vjepa eval}, so a recording is flagged offline as it would be live.
 *
 * @param warmup pairs a stream must have been scored on before it may be flagged
 * @param threshold the z-score at or above which a pair is flagged
 */
public record AnomalyRule(int warmup, double threshold) {
    /** The rule of {@code config}'s {@code zScoreWarmup} and {@code anomalyThreshold}. */
    public static AnomalyRule of(EmbedderConfig config) {
        return new AnomalyRule(config.zScoreWarmup(), config.anomalyThreshold());
    }

    /**
     * Whether a pair is flagged.
     *
     * @param seenBefore pairs of the stream scored before this one
     * @param zScore this pair's z-score
     */
    public boolean flags(long seenBefore, double zScore) {
        return seenBefore >= warmup && zScore >= threshold;
    }
}
