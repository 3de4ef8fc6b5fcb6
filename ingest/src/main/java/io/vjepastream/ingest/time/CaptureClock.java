package io.vjepastream.ingest.time;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Wall-clock capture timestamps that cannot jump: the wall clock is read once, when this object is
 * made, and later times are that instant plus the monotonic time elapsed since. A wall clock stepped
 * by NTP mid-stream therefore never reorders or duplicates capture times.
 */
public final class CaptureClock {
    private final MonotonicClock monotonic;
    private final long startEpochMicros;
    private final long startNanos;

    /**
     * @param wall read once, for the anchor instant
     * @param monotonic measures the time elapsed since the anchor
     */
    public CaptureClock(Clock wall, MonotonicClock monotonic) {
        this.monotonic = Objects.requireNonNull(monotonic, "monotonic");
        Instant start = Objects.requireNonNull(wall, "wall").instant();
        this.startNanos = monotonic.nanoTime();
        this.startEpochMicros = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L),
                start.getNano() / 1_000L);
    }

    /** A capture clock on the system UTC clock and the JVM's monotonic clock. */
    public static CaptureClock system() {
        return new CaptureClock(Clock.systemUTC(), MonotonicClock.system());
    }

    /** The monotonic clock behind this capture clock, for pacing against the same time base. */
    public MonotonicClock monotonic() {
        return monotonic;
    }

    /** Now, in microseconds since the epoch. */
    public long nowMicros() {
        return startEpochMicros + (monotonic.nanoTime() - startNanos) / 1_000L;
    }
}
