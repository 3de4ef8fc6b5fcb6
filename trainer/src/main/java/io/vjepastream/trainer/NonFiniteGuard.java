package io.vjepastream.trainer;

/**
 * Watches for NaN or infinite losses. A single one is skipped (the model leaves its weights alone); when
 * {@code limit} come in a row, training has diverged, and the trainer should go back to its last
 * checkpoint with a lower learning rate. Each such recovery halves the learning-rate scale.
 */
public final class NonFiniteGuard {
    private final int limit;
    private int inARow;
    private long skipped;
    private int recoveries;

    /** @param limit consecutive non-finite losses that call for a recovery; at least 1 */
    public NonFiniteGuard(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit=" + limit + " must be at least 1");
        }
        this.limit = limit;
    }

    /** What the trainer should do after a step. */
    public enum Verdict {
        /** The loss was finite: carry on. */
        CONTINUE,
        /** The loss was not finite: the step changed nothing; carry on. */
        SKIP,
        /** Too many non-finite losses in a row: reload the last checkpoint and lower the learning rate. */
        RECOVER
    }

    /** Judges one step's loss. */
    public Verdict observe(float loss) {
        if (Float.isFinite(loss)) {
            inARow = 0;
            return Verdict.CONTINUE;
        }
        skipped++;
        inARow++;
        if (inARow >= limit) {
            inARow = 0;
            recoveries++;
            return Verdict.RECOVER;
        }
        return Verdict.SKIP;
    }

    /** Non-finite steps so far. */
    public long skipped() {
        return skipped;
    }

    /** Recoveries so far. */
    public int recoveries() {
        return recoveries;
    }

    /** The factor to apply to the configured learning rate after the recoveries so far: 0.5 per recovery. */
    public double learningRateScale() {
        return Math.pow(0.5, recoveries);
    }

    /**
     * How much to scale a just-restored trainer whose learning-rate scale is {@code restoredScale}: at
     * least halving it, and down to {@link #learningRateScale()} when the checkpoint predates earlier
     * recoveries of this run (reloading the same old checkpoint twice must not halve only once).
     */
    public double factorAfterRestore(double restoredScale) {
        return Math.min(0.5, learningRateScale() / restoredScale);
    }
}
