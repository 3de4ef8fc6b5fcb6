package io.vjepastream.ingest.time;

/**
 * A monotonic time source that can also wait. Production code uses {@link #system()}; tests pass a
 * clock that advances when asked to wait, so pacing logic runs without real sleeping.
 */
public interface MonotonicClock {
    /** Nanoseconds from an arbitrary fixed origin; never goes backwards. */
    long nanoTime();

    /**
     * Blocks for about the given number of nanoseconds; returns at once for zero or less.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /** The JVM's {@link System#nanoTime()} with {@link Thread#sleep(long, int)}. */
    static MonotonicClock system() {
        return SystemMonotonicClock.INSTANCE;
    }
}
