package io.vjepastream.eval;

import io.vjepastream.embedder.AnomalyRule;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EnergyStatistics;
import io.vjepastream.ingest.source.PlantedAnomaly;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the embedder's anomaly flag makes of a test clip: each pair's z-score against the stream's
 * running energy statistics ({@link EnergyStatistics}, the embedder's own), taken in time order as a
 * camera would send them, and the flag raised once the warm-up is over and the z-score reaches the
 * threshold. The energy a robot acts on is this flag, not the raw energy.
 *
 * @param zScores   per test pair, in the order of the clip
 * @param flagged   per test pair, whether the embedder would flag it
 * @param halfLife  pairs after which an energy's weight in the statistics halves
 * @param warmup    pairs seen before any flag
 * @param threshold the z-score that flags
 */
record AnomalyFlag(double[] zScores, boolean[] flagged, double halfLife, int warmup, double threshold) {

    /** The flag with the embedder's settings in {@code config} over {@code energies} in clip order. */
    static AnomalyFlag of(double[] energies, EmbedderConfig config) {
        EnergyStatistics statistics = EnergyStatistics.empty(config.statsHalfLife());
        AnomalyRule rule = AnomalyRule.of(config);
        double[] z = new double[energies.length];
        boolean[] flagged = new boolean[energies.length];
        for (int i = 0; i < energies.length; i++) {
            long seen = statistics.count();
            z[i] = statistics.update(energies[i]);
            flagged[i] = rule.flags(seen, z[i]);
        }
        return new AnomalyFlag(z, flagged, config.statsHalfLife(), config.zScoreWarmup(), config.anomalyThreshold());
    }

    /** The flag with the embedder's default settings. */
    static AnomalyFlag withEmbedderDefaults(double[] energies) {
        return of(energies, EmbedderConfig.builder("unused:9092").build());
    }

    /**
     * The share of each kind's pairs that were flagged ({@code recall}), and of normal pairs after the
     * warm-up ({@code false_positive_rate}), beside the settings.
     */
    Map<String, Object> json(List<LabelledPair> test) {
        Map<String, Object> recall = new LinkedHashMap<>();
        for (PlantedAnomaly kind : PlantedAnomaly.values()) {
            recall.put(kind.label(), share(test, p -> p.anomaly() == kind));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("half_life_pairs", halfLife);
        out.put("warmup_pairs", warmup);
        out.put("threshold", threshold);
        out.put("recall", recall);
        out.put("false_positive_rate", share(test, LabelledPair::normal));
        return out;
    }

    private double share(List<LabelledPair> test, Predicate<LabelledPair> which) {
        int count = 0;
        int hits = 0;
        for (int i = warmup; i < test.size(); i++) {
            if (which.test(test.get(i))) {
                count++;
                hits += flagged[i] ? 1 : 0;
            }
        }
        return count == 0 ? Double.NaN : (double) hits / count;
    }
}
