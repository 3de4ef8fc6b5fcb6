package io.vjepastream.trainer.loop;

import java.io.PrintWriter;
import java.util.Locale;

/** A line on a console every ten seconds of a run: the step, its loss and gradient norm, and pairs per second. */
public final class ProgressLine implements StepListener {
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final long start;
    private long lastLine;
    private long pairs;

    /** @param start when the run began, by {@link System#nanoTime()}: the pairs-per-second rate counts from then */
    public ProgressLine(PrintWriter out, long start) {
        this.out = out;
        this.start = start;
        this.lastLine = start;
    }

    @Override
    public Action afterStep(Step step) {
        pairs += step.batch().size();
        long now = System.nanoTime();
        if (now - lastLine >= EVERY_NANOS) {
            lastLine = now;
            out.printf(Locale.ROOT, "step %d, loss %.4f, gradient norm %.3f, %.1f pairs/s%n", step.taken(),
                    step.result().loss(), step.result().gradientNorm(), pairs / ((now - start) / 1e9));
            out.flush();
        }
        return Action.CONTINUE;
    }
}
