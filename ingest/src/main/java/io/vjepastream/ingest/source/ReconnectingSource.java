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
 * <p>Made without an open source, it opens the source on the first {@link #next()}: a camera that is not
 * up yet is tried at once and then retried with the same backoff and limit as one that dropped, the
 * first try counting as an attempt. Each failed attempt is logged once, with its number.
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
    private volatile boolean connectedOnce;
    private long ptsOffset;
    private long lastPtsOut = Long.MIN_VALUE;
    private volatile long reconnects;
    private volatile long lastGapNanos;
    private volatile long totalGapNanos;
    private volatile String lastDropReason;
    private volatile int failedAttempts;
    private volatile String lastFailure;

    /**
     * @param first the source already open; it is read first
     * @param opener opens the source again after a drop; throws {@link SourceException} when it cannot
     * @param policy backoff and attempt limit
     * @param clock measures gaps and waits between attempts
     * @param random draws the jitter
     */
    public ReconnectingSource(VideoSource first, Supplier<VideoSource> opener, ReconnectPolicy policy,
                              MonotonicClock clock, Random random) {
        this(Objects.requireNonNull(first, "first").spec(), opener, policy, clock, random);
        this.current = first;
        this.connectedOnce = true;
    }

    /**
     * A source not opened yet: the first {@link #next()} opens it, retrying with the policy while it fails.
     *
     * @param spec what {@code opener} opens
     * @param opener opens the source; throws {@link SourceException} when it cannot
     * @param policy backoff and attempt limit, for the first connection as for a drop
     * @param clock measures gaps and waits between attempts
     * @param random draws the jitter
     */
    public ReconnectingSource(SourceSpec spec, Supplier<VideoSource> opener, ReconnectPolicy policy,
                              MonotonicClock clock, Random random) {
        this.spec = Objects.requireNonNull(spec, "spec");
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
     * The next frame, connecting or reconnecting as needed.
     *
     * @return null only when interrupted while waiting to (re)connect
     * @throws SourceException when the policy's attempts are used up, naming the attempts and the last reason
     */
    @Override
    public DecodedFrame next() {
        if (!connectedOnce && current == null) {
            return connect(clock.nanoTime(), null);
        }
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
        return connect(dropNanos, reason);
    }

    /**
     * Opens the source until it gives a frame: at once for the first connection ({@code dropReason} null),
     * otherwise after the first backoff, waiting longer after each failed attempt.
     */
    private DecodedFrame connect(long sinceNanos, String dropReason) {
        boolean first = dropReason == null;
        String reason = dropReason;
        for (int failed = 0; ; failed++) {
            if (policy.exhausted(failed)) {
                throw new SourceException(spec.displayName() + ": gave up after " + failed
                        + " reconnect attempt(s); last: " + reason);
            }
            int backoff = first ? failed - 1 : failed;
            if (backoff >= 0) {
                long wait = policy.delayNanos(backoff, random);
                if (failed > 0) {
                    LOG.warn("stream {}: attempt {} failed ({}); attempt {}{} in {} ms", spec.streamId(), failed, reason,
                            failed + 1, policy.maxAttempts() > 0 ? " of " + policy.maxAttempts() : "",
                            wait / 1_000_000L);
                }
                try {
                    clock.sleepNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            DecodedFrame frame;
            try {
                frame = openAndRead();
            } catch (SourceException e) {
                reason = e.getMessage();
                lastFailure = reason;
                failedAttempts = failed + 1;
                closeCurrent();
                continue;
            }
            failedAttempts = 0;
            if (first) {
                connectedOnce = true;
                if (failed > 0) {
                    LOG.info("stream {}: connected at attempt {}", spec.streamId(), failed + 1);
                }
                return shift(frame);
            }
            long gap = clock.nanoTime() - sinceNanos;
            lastGapNanos = gap;
            totalGapNanos += gap;
            reconnects++;
            // The restarted stream's clock continues from the old one plus the time it was away.
            if (lastPtsOut != Long.MIN_VALUE) {
                ptsOffset = lastPtsOut + gap / 1_000L - frame.ptsMicros();
            }
            LOG.warn("stream {}: reconnected after a gap of {} ms (attempt {}, reconnect #{})", spec.streamId(),
                    gap / 1_000_000L, failed + 1, reconnects);
            return shift(frame);
        }
    }

    /** Opens the source and reads its first frame; a stream that ends at once counts as a failed attempt. */
    private DecodedFrame openAndRead() {
        current = opener.get();
        DecodedFrame frame = current.next();
        if (frame == null) {
            throw new SourceException("stream ended right after " + (connectedOnce ? "reconnecting" : "connecting"));
        }
        return frame;
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
    long totalGapNanos() {
        return totalGapNanos;
    }

    /** Why the stream dropped last, or null. */
    String lastDropReason() {
        return lastDropReason;
    }

    /** Attempts that failed since the source last gave a frame (or since the start); 0 while it gives frames. */
    int failedAttempts() {
        return failedAttempts;
    }

    /**
     * While the first connection fails: one line saying how many attempts failed and why the latest did, e.g.
     * {@code not up yet, retrying after 3 failed attempt(s): http://cam/live.ts: cannot open as video:
     * Connection refused}; null once the source has given a frame, or before any attempt failed.
     */
    public String waiting() {
        int failed = failedAttempts;
        return failed == 0 || connectedOnce ? null
                : "not up yet, retrying after " + failed + " failed attempt(s): " + lastFailure;
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
