package io.vjepastream.trainer;

import io.vjepastream.model.CollapseStatistics;
import io.vjepastream.model.StepResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The trainer's counters, written by its training thread and read by {@link TrainerService#metrics()},
 * the meters and the checkpoint announcements from other threads. One lock guards them all; the
 * {@link Checkpointer} shares it, so that a snapshot holds its counters too.
 */
final class TrainerProgress {
    private final Object lock = new Object();
    private final LossHistory losses = new LossHistory(LossHistory.DEFAULT_KEEP);

    // Guarded by lock.
    private long steps;
    private float lastLoss = Float.NaN;
    private double gradientNorm = Double.NaN;
    private long pairsReceived;
    private long rejected;
    private long skippedSteps;
    private double stepsPerSecond;
    private StepRate rate;
    private CollapseStatistics latestCollapse;
    private double validationLoss = Double.NaN;

    /** The lock of these counters, for the checkpointer's. */
    Object lock() {
        return lock;
    }

    /** A run begins at {@code steps} (restored from a checkpoint) at {@code now}; the step rate counts from here. */
    void begin(long steps, Instant now) {
        synchronized (lock) {
            this.steps = steps;
            this.rate = new StepRate(steps, now);
        }
    }

    void received() {
        synchronized (lock) {
            pairsReceived++;
        }
    }

    void rejected() {
        synchronized (lock) {
            rejected++;
        }
    }

    void skipped(long total) {
        synchronized (lock) {
            skippedSteps = total;
        }
    }

    /** A step that counted, with the collapse statistics when they were measured at it (else null). */
    void stepped(StepResult result, Instant at, CollapseStatistics collapse) {
        synchronized (lock) {
            steps = result.step();
            lastLoss = result.loss();
            gradientNorm = result.gradientNorm();
            losses.add(result.loss());
            stepsPerSecond = rate.update(steps, at, stepsPerSecond);
            if (collapse != null) {
                latestCollapse = collapse;
            }
        }
    }

    void validated(double loss) {
        synchronized (lock) {
            validationLoss = loss;
        }
    }

    TrainerMetrics snapshot(Checkpointer checkpointer) {
        synchronized (lock) {
            return new TrainerMetrics(steps, lastLoss, gradientNorm, pairsReceived, rejected, skippedSteps,
                    checkpointer.written(), checkpointer.lastStep(), stepsPerSecond,
                    latestCollapse == null ? Double.NaN : latestCollapse.meanStd(),
                    latestCollapse == null ? Double.NaN : latestCollapse.centredEffectiveRank(), validationLoss);
        }
    }

    Losses losses() {
        synchronized (lock) {
            return losses.snapshot();
        }
    }

    /** The training metrics a checkpoint announcement carries. */
    Map<String, Double> announced() {
        Map<String, Double> metrics = new HashMap<>();
        synchronized (lock) {
            if (!Float.isNaN(lastLoss)) {
                metrics.put("loss", (double) lastLoss);
            }
            metrics.put("pairsReceived", (double) pairsReceived);
            if (latestCollapse != null) {
                metrics.put("embeddingStd", latestCollapse.meanStd());
                metrics.put("effectiveRank", latestCollapse.centredEffectiveRank());
            }
        }
        return metrics;
    }
}
