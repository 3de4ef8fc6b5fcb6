package io.vjepastream.ingest;

import io.vjepastream.ingest.pair.FrameSampler;
import io.vjepastream.ingest.pair.MaskGenerator;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.queue.HandoffQueue;
import io.vjepastream.ingest.queue.OverflowPolicy;
import io.vjepastream.ingest.sink.PairSink;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.ReconnectingSource;
import io.vjepastream.ingest.source.SourceException;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.ingest.time.MonotonicClock;
import io.vjepastream.ingest.time.RateMeter;
import io.vjepastream.ingest.time.RealtimePacer;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stream: this thread opens the source, reads, samples and cuts pairs; a second thread
 * takes the pairs from a bounded {@link HandoffQueue} and sends them to the sink ({@link PairProducer}), so a
 * slow sink never stalls decoding of a live camera. Endless sources (network streams, cameras, endless synthetic
 * clips) drop the oldest queued pair when the queue is full (counted); files, looped files and other
 * sources that can be read later wait. Pair sequence numbers are given as pairs leave the
 * queue, so they stay gapless whatever was dropped. Live sources are reconnected after a drop
 * ({@link ReconnectingSource}), and one that is not up at the start is retried the same way while the
 * stream is {@link StreamState#CONNECTING}. Whatever goes wrong ends this stream only and is recorded in
 * its counters.
 *
 * <p>The reconnect jitter is drawn from a random source seeded by {@link #jitterSeed}: the configured base
 * seed and the stream id, so a run with the same config and streams waits the same times.
 */
final class StreamWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);
    /** Weight of the newest frame in the decode latency average. */
    private static final double LATENCY_WEIGHT = 0.05;
    /** The sequence mixed into the jitter seed; no pair has it, so no pair's mask shares the seed. */
    private static final long JITTER_SEQUENCE = -1;

    private final SourceSpec spec;
    private final IngestConfig config;
    private final PairSink sink;
    private final CaptureClock clock;
    private final MonotonicClock mono;
    private final SourceOpener opener;
    private final Runnable onStateChange;
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong framesSampled = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final RateMeter framesIn;
    private final Random jitter;
    private volatile double decodeLatencyNanos;
    private volatile HandoffQueue<PairAssembler.Unnumbered> queue;
    private volatile PairProducer producer;
    private volatile ReconnectingSource reconnecting;
    private volatile Thread runner;
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
        this.mono = clock.monotonic();
        this.opener = opener;
        this.onStateChange = onStateChange;
        this.framesIn = new RateMeter(mono, 5);
        this.jitter = new Random(jitterSeed(config.masks().seed(), spec.streamId()));
        // Until the source is open, assume what its kind says; the source itself has the last word.
        this.finite = !spec.live() && !spec.looped();
    }

    /** The seed of a stream's reconnect jitter: the base seed and the stream id mixed, as for pair masks. */
    static long jitterSeed(long baseSeed, String streamId) {
        return MaskGenerator.pairSeed(baseSeed, streamId, JITTER_SEQUENCE);
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

    /** Asks the stream to end: decoding stops, queued pairs are discarded, a backoff or pacing wait is cut short. */
    void requestStop() {
        stopRequested = true;
        HandoffQueue<PairAssembler.Unnumbered> q = queue;
        if (q != null) {
            q.close();
        }
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** True while this stream runs a source that never ends by itself. */
    boolean endless() {
        return state == StreamState.RUNNING && !finite;
    }

    StreamStats stats() {
        HandoffQueue<PairAssembler.Unnumbered> q = queue;
        PairProducer p = producer;
        ReconnectingSource r = reconnecting;
        StreamState s = state;
        String waiting = s == StreamState.CONNECTING && r != null ? r.waiting() : null;
        long refused = p == null ? 0 : p.refused();
        return new StreamStats(spec.streamId(), spec.uri(), s, framesDecoded.get(), framesSampled.get(),
                p == null ? 0 : p.sent(), errors.get() + refused, waiting != null ? waiting : lastError,
                q == null ? 0 : q.dropped(), q == null ? 0 : q.size(),
                r == null ? 0 : r.reconnects(), r == null ? 0 : r.lastGapNanos() / 1_000_000L,
                Math.round(decodeLatencyNanos / 1_000.0), framesIn.perSecond(), p == null ? 0 : p.perSecond(),
                refused);
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        if (stopRequested) {
            moveTo(StreamState.STOPPED);
            return;
        }
        moveTo(StreamState.OPENING);
        try (VideoSource source = open()) {
            finite = source.finite();
            OverflowPolicy policy = finite || spec.looped() ? OverflowPolicy.BLOCK : OverflowPolicy.DROP_OLDEST;
            queue = new HandoffQueue<>(config.queueCapacity(), policy);
            if (stopRequested) {
                queue.close();
            }
            // A live stream runs once its first frame is in (see decode).
            moveTo(spec.live() ? StreamState.CONNECTING : StreamState.RUNNING);
            LOG.info("stream {}: reading {} ({}, queue {} x {})", spec.streamId(), spec.uri(),
                    finite ? "finite" : "live", config.queueCapacity(), policy);
            PairAssembler assembler = new PairAssembler(spec.streamId(), spec.uri(), config);
            PairProducer sending = new PairProducer(spec.streamId(), queue, assembler, sink, mono,
                    () -> stopRequested, reason -> lastError = reason);
            producer = sending;
            sending.start();
            StreamState end;
            try {
                end = decode(source, assembler) ? StreamState.COMPLETED : StreamState.STOPPED;
            } catch (SourceException e) {
                // Pairs already made are still delivered: the frames before the damage are kept.
                sending.drain();
                fail(e);
                return;
            }
            sending.drain();
            if (end == StreamState.COMPLETED && !stopRequested) {
                // Completed means stored: every pair of the file is on the sink, or the stream fails saying so.
                sink.flush();
                String lost = sink.lost(spec.streamId()).orElse(null);
                if (lost != null) {
                    fail(lost, null);
                    return;
                }
            }
            String warning = source.warning();
            if (warning != null) {
                lastError = warning;
                LOG.warn("stream {}: {}", spec.streamId(), warning);
            }
            moveTo(stopRequested ? StreamState.STOPPED : end);
            LOG.info("stream {}: {} after {} frames decoded, {} sampled, {} pairs, {} dropped", spec.streamId(),
                    state.name().toLowerCase(Locale.ROOT), framesDecoded.get(), framesSampled.get(),
                    sending.sent(), queue.dropped());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            moveTo(StreamState.STOPPED);
        } catch (RuntimeException e) {
            if (stopRequested) {
                moveTo(StreamState.STOPPED);
            } else {
                fail(e);
            }
        } catch (Error e) {
            // Missing natives and the like: record the stream as failed, then let the error surface.
            fail(new IllegalStateException(e.toString(), e));
            throw e;
        }
    }

    /** Opens a source; a live one is only checked (a missing device fails at once) and opened by its first read. */
    private VideoSource open() {
        if (!spec.live()) {
            return opener.open(spec, config, clock);
        }
        spec.validate();
        ReconnectingSource r = new ReconnectingSource(spec, () -> opener.open(spec, config, clock), config.reconnect(),
                mono, jitter);
        reconnecting = r;
        return r;
    }

    /** Reads until the source ends (true) or a stop is requested (false). */
    private boolean decode(VideoSource source, PairAssembler assembler) throws InterruptedException {
        FrameSampler sampler = new FrameSampler(config.sampleFps());
        // A source's own realtime= wins over the config's: ?realtime=0 reads one file flat out under --realtime.
        boolean realtime = spec.options().get("realtime").isPresent() ? spec.options().flag("realtime") : config.realtime();
        boolean paced = realtime && !spec.live();
        RealtimePacer pacer = paced ? new RealtimePacer(mono) : null;
        while (!stopRequested) {
            long started = mono.nanoTime();
            DecodedFrame frame = source.next();
            if (frame == null) {
                return !stopRequested && !Thread.currentThread().isInterrupted();
            }
            if (state == StreamState.CONNECTING) {
                // The wait for a camera to come up is no decode latency.
                moveTo(StreamState.RUNNING);
            } else {
                long took = mono.nanoTime() - started;
                double previous = decodeLatencyNanos;
                decodeLatencyNanos = previous == 0 ? took : previous + LATENCY_WEIGHT * (took - previous);
            }
            framesDecoded.incrementAndGet();
            framesIn.mark();
            if (!sampler.accept(frame.ptsMicros())) {
                continue;
            }
            if (pacer != null) {
                pacer.awaitDue(frame.ptsMicros());
                // Paced frames are "captured" when they are released, not when they were decoded ahead of time.
                frame = new DecodedFrame(frame.ptsMicros(), clock.nowMicros(), frame.width(), frame.height(), frame.rgb());
            }
            framesSampled.incrementAndGet();
            PairAssembler.Unnumbered pair = assembler.assemble(frame);
            if (pair != null && !queue.offer(pair)) {
                return false;
            }
        }
        return false;
    }

    private void fail(RuntimeException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        // A source's own failure is said in one line; anything else is a bug worth its stack trace.
        fail(reason, e instanceof SourceException ? null : e);
    }

    private void fail(String reason, RuntimeException unexpected) {
        errors.incrementAndGet();
        lastError = reason;
        if (unexpected == null) {
            LOG.error("stream {}: failed: {}", spec.streamId(), reason);
        } else {
            LOG.error("stream {}: failed unexpectedly", spec.streamId(), unexpected);
        }
        moveTo(StreamState.FAILED);
    }

    private void moveTo(StreamState next) {
        state = next;
        onStateChange.run();
    }
}
