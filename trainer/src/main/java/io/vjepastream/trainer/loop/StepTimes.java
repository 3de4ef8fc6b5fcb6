package io.vjepastream.trainer.loop;

/** The wall time of each step of a run, in milliseconds, for a benchmark's median and mean. */
public final class StepTimes implements StepListener {
    private final double[] millis;
    private int count;

    /** @param steps how many steps to keep; the loop must not take more */
    public StepTimes(int steps) {
        this.millis = new double[steps];
    }

    @Override
    public Action afterStep(Step step) {
        millis[count++] = step.result().nanos() / 1e6;
        return Action.CONTINUE;
    }

    /** The times kept so far, in step order. */
    public double[] millis() {
        return java.util.Arrays.copyOf(millis, count);
    }
}
