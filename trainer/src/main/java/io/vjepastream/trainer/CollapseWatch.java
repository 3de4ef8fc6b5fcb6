package io.vjepastream.trainer;

import io.vjepastream.model.CollapseStatistics;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for representation collapse every few steps: the per-dimension spread and the effective rank of
 * the online encoder's pooled embeddings on a batch, logged with the loss, and a warning when either
 * falls below a fraction of what it was at the first measurement of this run (or below an absolute
 * floor), the typical signature of embeddings that stop carrying information.
 */
final class CollapseWatch {
    private static final Logger log = LoggerFactory.getLogger(CollapseWatch.class);
    /** A drop below this fraction of the first measurement is reported. */
    static final double WARN_FRACTION = 0.25;
    /** A spread this small means the embeddings barely vary at all. */
    static final double MIN_MEAN_STD = 1e-3;

    private final int everySteps;
    private CollapseStatistics first;
    private CollapseStatistics latest;
    private boolean warned;

    CollapseWatch(int everySteps) {
        this.everySteps = everySteps;
    }

    /** Measures when {@code step} is due; returns the new statistics, or null when nothing was measured. */
    CollapseStatistics maybeMeasure(long step, float loss, JepaTrainer trainer, List<PairSample> batch) {
        if (step % everySteps != 0 || batch.size() < 2) {
            return null;
        }
        CollapseStatistics stats = trainer.collapseStatistics(batch);
        if (first == null) {
            first = stats;
        }
        latest = stats;
        log.info(String.format(Locale.ROOT, "step %d loss %.4f embedding std %.4f effective rank %.2f (centred %.2f)",
                step, loss, stats.meanStd(), stats.effectiveRank(), stats.centredEffectiveRank()));
        boolean collapsing = collapsing(stats);
        if (collapsing && !warned) {
            log.warn(String.format(Locale.ROOT, "embeddings may be collapsing at step %d: std %.4f (was %.4f), "
                            + "centred effective rank %.2f (was %.2f)", step, stats.meanStd(), first.meanStd(),
                    stats.centredEffectiveRank(), first.centredEffectiveRank()));
        }
        warned = collapsing;
        return stats;
    }

    boolean collapsing(CollapseStatistics stats) {
        return stats.meanStd() < MIN_MEAN_STD
                || stats.meanStd() < WARN_FRACTION * first.meanStd()
                || stats.centredEffectiveRank() < WARN_FRACTION * first.centredEffectiveRank();
    }

    /** The newest measurement, or null before the first. */
    CollapseStatistics latest() {
        return latest;
    }

    /** True while the newest measurement looks like collapse. */
    boolean warning() {
        return warned;
    }
}
