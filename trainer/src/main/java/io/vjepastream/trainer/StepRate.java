package io.vjepastream.trainer;

import java.time.Duration;
import java.time.Instant;

/** Training speed over windows of at least two seconds, so a progress line shows a steady number. */
final class StepRate {
    private static final long WINDOW_MILLIS = 2000;
    private long stepsAtMark;
    private Instant mark;

    StepRate(long steps, Instant now) {
        this.stepsAtMark = steps;
        this.mark = now;
    }

    /** The rate over the window that just closed, or {@code previous} while the window is still open. */
    double update(long steps, Instant now, double previous) {
        long millis = Duration.between(mark, now).toMillis();
        if (millis < WINDOW_MILLIS) {
            return previous;
        }
        double rate = (steps - stepsAtMark) * 1000.0 / millis;
        stepsAtMark = steps;
        mark = now;
        return rate;
    }
}
