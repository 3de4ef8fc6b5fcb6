package io.vjepastream.ingest.source;

import io.vjepastream.ingest.time.MonotonicClock;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live source alive: when a read fails or the stream ends, the source is closed and opened
 * again after the {@link ReconnectPolicy}'s backoff, as often as the policy allows. Each gap (from
 * the drop to the first frame after it) is logged and counted. Presentation times continue across a
 * gap, shifted by the gap's length, because a restarted stream usually starts its clock from zero.
 *
 * <p>Waiting happens on the given {@link MonotonicClock}, so tests run the backoff without sleeping.
 * An interrupt during the wait ends the stream: {@link #next()} returns null.
 */
public final class ReconnectingSource implements VideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingSource.class);

    private final SourceSpec spec;
    private final Supplier<VideoSource> opener;
    private final ReconnectPolicy policy;
    private final MonotonicClock clock;
    private final Random random;
    private VideoSource current;
    private long ptsOffset;
    private long lastPtsOut = Long.MIN_VALUE;
    private volatile long reconnects;
    private volatile long lastGapNanos;
    private volatile long totalGapNanos;
    private volatile String lastDropReason;

    /**
     * @param first the source already open; it is read first
     * @param opener opens the source again after a drop; throws {@link SourceException} when it cannot
     * @param policy backoff and attempt limit
     * @param clock measures gaps and waits between attempts
     * @param random draws the jitter
     */
    public ReconnectingSource(VideoSource first, Supplier<VideoSource> opener, ReconnectPolicy policy,
                              MonotonicClock clock, Random random) {
        this.current = Objects.requireNonNull(first, "first");
        this.spec = first.spec();
        this.opener = Objects.requireNonNull(opener, "opener");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public boolean finite() {
        return false;
    }

    /**
     * The next frame, reconnecting as needed.
     *
     * @return null only when interrupted while waiting to reconnect
     * @throws SourceException when the policy's attempts are used up, naming the attempts and the last reason
     */
    @Override
    public DecodedFrame next() {
        String reason;
        try {
            DecodedFrame frame = current == null ? null : current.next();
            if (frame != null) {
                return shift(frame);
            }
            reason = current == null ? "not open" : "stream ended";
        } catch (SourceException e) {
            reason = e.getMessage();
        }
        long dropNanos = clock.nanoTime();
        lastDropReason = reason;
        LOG.warn("stream {}: dropped ({}); reconnecting", spec.streamId(), reason);
        closeCurrent();
        return reconnect(dropNanos, reason);
    }

    private DecodedFrame reconnect(long dropNanos, String dropReason) {
        String reason = dropReason;
        for (int attempt = 0; ; attempt++) {
            if (policy.exhausted(attempt)) {
                throw new SourceException(spec.displayName() + ": gave up after " + attempt
                        + " reconnect attempt(s); last: " + reason);
            }
            try {
                clock.sleepNanos(policy.delayNanos(attempt, random));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            DecodedFrame frame;
            try {
                current = opener.get();
                frame = current.next();
                if (frame == null) {
                    reason = "stream ended right after reconnecting";
                    closeCurrent();
                    continue;
                }
            } catch (SourceException e) {
                reason = e.getMessage();
                closeCurrent();
                continue;
            }
            long gap = clock.nanoTime() - dropNanos;
            lastGapNanos = gap;
            totalGapNanos += gap;
            reconnects++;
            // The restarted stream's clock continues from the old one plus the time it was away.
            if (lastPtsOut != Long.MIN_VALUE) {
                ptsOffset = lastPtsOut + gap / 1_000L - frame.ptsMicros();
            }
            LOG.warn("stream {}: reconnected after a gap of {} ms (attempt {}, reconnect #{})", spec.streamId(),
                    gap / 1_000_000L, attempt + 1, reconnects);
            return shift(frame);
        }
    }

    private DecodedFrame shift(DecodedFrame frame) {
        long pts = frame.ptsMicros() + ptsOffset;
        if (lastPtsOut != Long.MIN_VALUE && pts <= lastPtsOut) {
            pts = lastPtsOut + 1;
        }
        lastPtsOut = pts;
        return pts == frame.ptsMicros() ? frame
                : new DecodedFrame(pts, frame.captureTimeMicros(), frame.width(), frame.height(), frame.rgb());
    }

    /** Successful reconnects so far. */
    public long reconnects() {
        return reconnects;
    }

    /** Length of the latest gap in nanoseconds, 0 before the first. */
    public long lastGapNanos() {
        return lastGapNanos;
    }

    /** Length of all gaps together in nanoseconds. */
    public long totalGapNanos() {
        return totalGapNanos;
    }

    /** Why the stream dropped last, or null. */
    public String lastDropReason() {
        return lastDropReason;
    }

    private void closeCurrent() {
        VideoSource c = current;
        current = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
