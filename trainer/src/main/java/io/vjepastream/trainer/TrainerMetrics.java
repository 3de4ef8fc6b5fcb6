package io.vjepastream.trainer;

/**
 * A snapshot of the trainer's progress.
 *
 * @param steps optimisation steps done, including those restored from a checkpoint
 * @param lastLoss loss of the latest step (NaN before the first)
 * @param gradientNorm global L2 norm of the latest step's gradients before clipping (NaN before the first)
 * @param pairsReceived frame pairs accepted into the replay buffer
 * @param rejected records that could not be decoded and were skipped (the embedder dead-letters them)
 * @param skippedSteps steps whose loss was NaN or infinite; they changed no weights
 * @param checkpoints checkpoints written by this run
 * @param lastCheckpointStep step of the newest checkpoint (-1 when none)
 * @param stepsPerSecond recent training speed
 * @param embeddingStd mean per-dimension spread of the pooled embeddings at the last collapse check (NaN before)
 * @param effectiveRank effective rank of the centred pooled embeddings at the last check (NaN before)
 * @param validationLoss loss on held-out pairs at the last checkpoint (NaN when validation is off)
 */
public record TrainerMetrics(long steps, float lastLoss, double gradientNorm, long pairsReceived, long rejected,
        long skippedSteps, long checkpoints, long lastCheckpointStep, double stepsPerSecond, double embeddingStd,
        double effectiveRank, double validationLoss) {
}
