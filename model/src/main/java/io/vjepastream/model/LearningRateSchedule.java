package io.vjepastream.model;

/**
 * The learning rate at an update: a linear warm-up to {@code lr}, then constant (continual training) or
 * half a cosine down to {@code final_lr} at {@code total_steps}; times a scale that the trainer lowers
 * after repeated non-finite losses. The EMA momentum ramps linearly from {@code ema_start} to
 * {@code ema_end} over the same {@code total_steps} and stays there.
 */
final class LearningRateSchedule {
    private final JepaConfig config;

    LearningRateSchedule(JepaConfig config) {
        this.config = config;
    }

    /**
     * @param update the global update number, counted from 1
     * @param warmupOrigin the update after which the warm-up starts (0, or the step of a restore
     *     whose optimiser moments were not stored)
     * @return the learning rate before scaling
     */
    double rate(long update, long warmupOrigin) {
        double peak = config.learningRate();
        double rate = peak;
        if (config.lrSchedule() == LrSchedule.COSINE) {
            long span = config.totalSteps() - config.warmupSteps();
            double progress = Math.min(1.0, Math.max(0.0, (double) (update - config.warmupSteps()) / span));
            double floor = config.finalLearningRate();
            rate = floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
        int warmup = config.warmupSteps();
        long sinceOrigin = update - warmupOrigin;
        if (warmup > 0 && sinceOrigin < warmup) {
            rate *= Math.max(0.0, (double) sinceOrigin / warmup);
        }
        return rate;
    }

    /** @return the EMA momentum for the update that follows {@code completedSteps} steps */
    float emaMomentum(long completedSteps) {
        double progress = Math.min(1.0, (double) completedSteps / config.totalSteps());
        return (float) (config.emaMomentum() + (config.emaEnd() - config.emaMomentum()) * progress);
    }
}
