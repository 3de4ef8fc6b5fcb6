package io.vjepastream.ingest.pair;

/**
 * Thins a stream to a target frame rate by presentation time. A frame is kept when it is at or past
 * the next due time; due times advance by exactly one period, so 12.5 fps in gives 10 fps out on
 * average (four of every five frames) rather than drifting. A source slower than the target keeps
 * every frame. A presentation time that jumps backwards restarts the schedule.
 */
public final class FrameSampler {
    private final long periodMicros;
    private final long toleranceMicros;
    private long dueMicros;
    private long lastPts;
    private boolean started;

    /** @param targetFps frames per second to keep; positive */
    public FrameSampler(double targetFps) {
        if (!(targetFps > 0) || Double.isInfinite(targetFps)) {
            throw new IllegalArgumentException("sampler target fps must be positive and finite but is " + targetFps);
        }
        this.periodMicros = Math.max(1L, Math.round(1_000_000.0 / targetFps));
        // Timestamps rounded to a coarse time base can land a hair before the due time.
        this.toleranceMicros = periodMicros / 20;
    }

    /** Microseconds between kept frames at the target rate. */
    long periodMicros() {
        return periodMicros;
    }

    /** True when the frame with this presentation time is kept. */
    public boolean accept(long ptsMicros) {
        if (!started || ptsMicros < lastPts) {
            started = true;
            lastPts = ptsMicros;
            dueMicros = ptsMicros + periodMicros;
            return true;
        }
        lastPts = ptsMicros;
        if (ptsMicros < dueMicros - toleranceMicros) {
            return false;
        }
        dueMicros += periodMicros;
        if (dueMicros <= ptsMicros) {
            // The source is slower than the target (or skipped ahead): do not build up a backlog of due times.
            dueMicros = ptsMicros + periodMicros;
        }
        return true;
    }
}
