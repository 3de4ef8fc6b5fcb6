package io.vjepastream.trainer;

/**
 * Decides when training on a finite source has stopped improving: a validation metric (lower is
 * better) that has not improved by at least {@code minDelta} for {@code patience} evaluations in a row
 * ends training, and the evaluation with the best value names the checkpoint to keep.
 */
public final class EarlyStopping {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private long bestStep = -1;
    private int sinceBest;

    /**
     * @param patience evaluations without improvement before stopping; at least 1
     * @param minDelta how much lower than the best a value must be to count as an improvement; not negative
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience=" + patience + " must be at least 1");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta=" + minDelta + " must be 0 or positive");
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /**
     * Records the metric measured after {@code step}.
     *
     * @return true when this value is the new best (its checkpoint is the one to keep)
     */
    public boolean record(long step, double value) {
        if (Double.isFinite(value) && value < best - minDelta) {
            best = value;
            bestStep = step;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** True once {@code patience} evaluations in a row brought no improvement. */
    public boolean shouldStop() {
        return sinceBest >= patience;
    }

    /** The best value so far; positive infinity before the first finite one. */
    public double best() {
        return best;
    }

    /** The step of the best value; -1 before the first finite one. */
    public long bestStep() {
        return bestStep;
    }
}
