package io.vjepastream.ingest.time;

import java.util.Objects;

/**
 * Holds frames back until their presentation time has come, so a file plays at the speed it was
 * recorded. The first frame fixes the relation between presentation time and monotonic time; a
 * presentation time that goes backwards (a looped or restarted stream) fixes it anew.
 */
public final class RealtimePacer {
    private final MonotonicClock clock;
    private long originPts;
    private long originNanos;
    private long lastPts;
    private boolean anchored;

    /** @param clock the time base to wait on */
    public RealtimePacer(MonotonicClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Waits until the frame with this presentation time is due.
     *
     * @param ptsMicros the frame's presentation time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitDue(long ptsMicros) throws InterruptedException {
        if (!anchored || ptsMicros < lastPts) {
            anchored = true;
            originPts = ptsMicros;
            originNanos = clock.nanoTime();
        }
        lastPts = ptsMicros;
        long dueNanos = originNanos + (ptsMicros - originPts) * 1_000L;
        long waitNanos = dueNanos - clock.nanoTime();
        if (waitNanos > 0) {
            clock.sleepNanos(waitNanos);
        }
    }
}
