package io.vjepastream.ingest.time;

import java.util.Objects;

/**
 * Events per second over the last few seconds, for status lines: counts fall into one-second
 * buckets of a ring, and the rate is the sum of the full buckets in the window divided by their span.
 * Thread-safe; cheap enough to call once per frame.
 */
public final class RateMeter {
    private static final long SECOND = 1_000_000_000L;

    private final MonotonicClock clock;
    private final long[] counts;
    private final long[] seconds;
    private final long startSecond;

    /**
     * @param clock the time base
     * @param windowSeconds how many whole seconds the rate spans; at least 1
     */
    public RateMeter(MonotonicClock clock, int windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("rate window = " + windowSeconds + " s; allowed: >= 1");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counts = new long[windowSeconds + 1];
        this.seconds = new long[windowSeconds + 1];
        this.startSecond = Math.floorDiv(clock.nanoTime(), SECOND);
        java.util.Arrays.fill(seconds, Long.MIN_VALUE);
    }

    /** Counts one event now. */
    public synchronized void mark() {
        long second = Math.floorDiv(clock.nanoTime(), SECOND);
        int slot = (int) Math.floorMod(second, (long) counts.length);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Events per second over the window's full seconds (the current, partial second is left out). */
    public synchronized double perSecond() {
        long now = Math.floorDiv(clock.nanoTime(), SECOND);
        int window = counts.length - 1;
        // Early on, the window is only as long as the meter has existed.
        long span = Math.min(window, now - startSecond);
        if (span <= 0) {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (seconds[i] < now && seconds[i] >= now - span) {
                total += counts[i];
            }
        }
        return (double) total / span;
    }
}
