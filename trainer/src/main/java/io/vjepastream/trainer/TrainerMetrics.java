package io.vjepastream.trainer;

/**
 * A snapshot of the trainer's progress.
 *
 * @param steps optimisation steps done, including those restored from a checkpoint
 * @param lastLoss loss of the latest step (NaN before the first)
 * @param pairsReceived frame pairs accepted into the replay buffer
 * @param deadLettered records sent to the dead-letter topic
 * @param skippedSteps steps whose loss was NaN or infinite; they changed no weights
 * @param checkpoints checkpoints written by this run
 * @param lastCheckpointStep step of the newest checkpoint (-1 when none)
 * @param stepsPerSecond recent training speed
 */
public record TrainerMetrics(long steps, float lastLoss, long pairsReceived, long deadLettered, long skippedSteps,
        long checkpoints, long lastCheckpointStep, double stepsPerSecond) {
}
