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

    /** A pair's z-score against its stream's statistics, and whether it is flagged. */
    public record Judgement(double zScore, boolean anomalous) {
    }

    /**
     * Judges one pair's energy against its stream's running statistics and adds it to them. A non-finite
     * energy would poison the statistics: it leaves them unchanged and gets no z-score and no flag.
     */
    public Judgement judge(EnergyStatistics statistics, double energy) {
        if (!Double.isFinite(energy)) {
            return new Judgement(Double.NaN, false);
        }
        long seen = statistics.count();
        double z = statistics.update(energy);
        return new Judgement(z, flags(seen, z));
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
