package io.vjepastream.ingest.time;

import java.util.ArrayList;
import java.util.List;

/** A monotonic clock that only moves when told to or when someone sleeps on it; records the sleeps. */
public final class FakeMonotonicClock implements MonotonicClock {
    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
        sleeps.add(nanos);
        now += Math.max(0, nanos);
    }

    /** Moves time forward. */
    public synchronized void advanceNanos(long nanos) {
        now += nanos;
    }

    /** Every sleep asked for so far. */
    public synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
