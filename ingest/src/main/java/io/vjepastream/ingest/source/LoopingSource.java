package io.vjepastream.ingest.source;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Plays a finite source again and again ({@code loop=1}): at its end it is closed and opened anew.
 * Presentation times keep increasing across the seam, one average frame interval after the last
 * frame of the previous round, so sampling and pacing run on as if the stream were endless. A
 * source made with a number of plays ends after that many, as one longer finite source.
 */
public final class LoopingSource implements VideoSource {
    private final Supplier<VideoSource> opener;
    private final SourceSpec spec;
    private final long plays;
    private VideoSource current;
    private long offset;
    private long firstPts = Long.MIN_VALUE;
    private long lastPts = Long.MIN_VALUE;
    private long framesThisRound;
    private long rounds;

    /**
     * @param first the source already open
     * @param opener opens it again from the start
     */
    public LoopingSource(VideoSource first, Supplier<VideoSource> opener) {
        this(first, opener, 0);
    }

    /**
     * @param first the source already open
     * @param opener opens it again from the start
     * @param plays how many times the source is played in all, the first included; 0 for endlessly
     * @throws IllegalArgumentException when plays is negative
     */
    public LoopingSource(VideoSource first, Supplier<VideoSource> opener, long plays) {
        if (plays < 0) {
            throw new IllegalArgumentException("plays = " + plays + "; allowed: 0 (endless) or a positive count");
        }
        this.current = Objects.requireNonNull(first, "first");
        this.spec = first.spec();
        this.opener = Objects.requireNonNull(opener, "opener");
        this.plays = plays;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public boolean finite() {
        return plays > 0;
    }

    /** Completed rounds so far. */
    public long rounds() {
        return rounds;
    }

    @Override
    public DecodedFrame next() {
        DecodedFrame frame = current.next();
        if (frame == null) {
            if (framesThisRound == 0 || (plays > 0 && rounds + 1 >= plays)) {
                // A source with no frames would loop forever without producing anything.
                return null;
            }
            long interval = framesThisRound > 1 ? Math.max(1, (lastPts - firstPts) / (framesThisRound - 1)) : 100_000L;
            long nextStart = lastPts + interval;
            current.close();
            current = opener.get();
            rounds++;
            framesThisRound = 0;
            frame = current.next();
            if (frame == null) {
                return null;
            }
            offset = nextStart - frame.ptsMicros();
        }
        long pts = frame.ptsMicros() + offset;
        if (framesThisRound == 0) {
            firstPts = pts;
        }
        framesThisRound++;
        lastPts = pts;
        return offset == 0 ? frame
                : new DecodedFrame(pts, frame.captureTimeMicros(), frame.width(), frame.height(), frame.rgb());
    }

    @Override
    public void close() {
        current.close();
    }
}
