package io.vjepastream.ingest;

import io.vjepastream.ingest.pair.FrameSampler;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.sink.PairSink;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceException;
import io.vjepastream.ingest.source.SourceKind;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.ingest.time.RealtimePacer;
import io.vjepastream.records.FramePair;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stream on its own thread: open the source, read frames, sample them, cut pairs and send
 * them to the sink. Whatever goes wrong ends this stream only and is recorded in its counters.
 */
final class StreamWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);

    private final SourceSpec spec;
    private final IngestConfig config;
    private final PairSink sink;
    private final CaptureClock clock;
    private final SourceOpener opener;
    private final Runnable onStateChange;
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong framesSampled = new AtomicLong();
    private final AtomicLong pairsSent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile StreamState state = StreamState.PENDING;
    private volatile boolean finite;
    private volatile boolean stopRequested;
    private volatile String lastError;

    StreamWorker(SourceSpec spec, IngestConfig config, PairSink sink, CaptureClock clock, SourceOpener opener,
                 Runnable onStateChange) {
        this.spec = spec;
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.opener = opener;
        this.onStateChange = onStateChange;
        // Until the source is open, assume what its kind says; the source itself has the last word.
        this.finite = spec.kind() != SourceKind.NETWORK;
    }

    SourceSpec spec() {
        return spec;
    }

    StreamState state() {
        return state;
    }

    /** True when this stream has ended or is one that never ends by itself. */
    boolean settled() {
        StreamState s = state;
        return s.terminal() || (s == StreamState.RUNNING && !finite);
    }

    void requestStop() {
        stopRequested = true;
    }

    StreamStats stats() {
        return new StreamStats(spec.streamId(), spec.uri(), state, framesDecoded.get(), framesSampled.get(),
                pairsSent.get(), errors.get(), lastError);
    }

    @Override
    public void run() {
        moveTo(StreamState.OPENING);
        try (VideoSource source = opener.open(spec, config, clock)) {
            finite = source.finite();
            moveTo(StreamState.RUNNING);
            LOG.info("stream {}: reading {} ({})", spec.streamId(), spec.uri(), finite ? "finite" : "live");
            boolean ended = pump(source);
            moveTo(ended ? StreamState.COMPLETED : StreamState.STOPPED);
            LOG.info("stream {}: {} after {} frames decoded, {} sampled, {} pairs", spec.streamId(),
                    ended ? "completed" : "stopped", framesDecoded.get(), framesSampled.get(), pairsSent.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            moveTo(StreamState.STOPPED);
        } catch (RuntimeException e) {
            fail(e);
        } catch (Error e) {
            // Missing natives and the like: record the stream as failed, then let the error surface.
            fail(new IllegalStateException(e.toString(), e));
            throw e;
        }
    }

    /** Reads until the source ends (true) or a stop is requested (false). */
    private boolean pump(VideoSource source) throws InterruptedException {
        FrameSampler sampler = new FrameSampler(config.sampleFps());
        PairAssembler assembler = new PairAssembler(spec.streamId(), spec.uri(), config.imageSize(),
                config.patchSize(), config.strideFrames(), config.contextFrames());
        RealtimePacer pacer = config.realtime() && finite ? new RealtimePacer(clock.monotonic()) : null;
        while (!stopRequested) {
            DecodedFrame frame = source.next();
            if (frame == null) {
                return true;
            }
            framesDecoded.incrementAndGet();
            if (!sampler.accept(frame.ptsMicros())) {
                continue;
            }
            if (pacer != null) {
                pacer.awaitDue(frame.ptsMicros());
                // Paced frames are "captured" when they are released, not when they were decoded ahead of time.
                frame = new DecodedFrame(frame.ptsMicros(), clock.nowMicros(), frame.width(), frame.height(), frame.rgb());
            }
            framesSampled.incrementAndGet();
            FramePair pair = assembler.accept(frame);
            if (pair != null) {
                send(pair);
            }
        }
        return false;
    }

    private void send(FramePair pair) {
        try {
            sink.send(pair);
            pairsSent.incrementAndGet();
        } catch (RuntimeException e) {
            long n = errors.incrementAndGet();
            lastError = "sink refused pair " + pair.getSequence() + ": " + e;
            if (n <= 10 || n % 1000 == 0) {
                LOG.error("stream {}: sink refused pair {} ({} errors so far): {}", spec.streamId(), pair.getSequence(),
                        n, e.toString());
            }
        }
    }

    private void fail(RuntimeException e) {
        errors.incrementAndGet();
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof SourceException) {
            LOG.error("stream {}: failed: {}", spec.streamId(), lastError);
        } else {
            LOG.error("stream {}: failed unexpectedly", spec.streamId(), e);
        }
        moveTo(StreamState.FAILED);
    }

    private void moveTo(StreamState next) {
        state = next;
        onStateChange.run();
    }
}
