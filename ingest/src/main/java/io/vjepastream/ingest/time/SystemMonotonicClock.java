package io.vjepastream.ingest.time;

/** {@link MonotonicClock} backed by the JVM's clock and thread sleep. */
final class SystemMonotonicClock implements MonotonicClock {
    static final SystemMonotonicClock INSTANCE = new SystemMonotonicClock();

    private SystemMonotonicClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        }
    }
}
