package io.vjepastream.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.sink.PairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.runtime.Service;
import io.vjepastream.runtime.http.ServiceHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests any number of video sources at once. Each source has a decoding thread, which reads frames,
 * samples them to {@link IngestConfig#sampleFps()} and cuts frame pairs, and a producing thread, which
 * hands the pairs to one shared {@link PairSink}; between them is a queue of
 * {@link IngestConfig#queueCapacity()} pairs that drops the oldest for live sources and waits for files
 * (see {@link io.vjepastream.ingest.queue.HandoffQueue}). Live sources (network streams, cameras) that
 * drop, or are not up at the start ({@link StreamState#CONNECTING}), are retried with the
 * {@link IngestConfig#reconnect()} backoff. A source that cannot be opened (a live one: once the
 * attempts allowed are used up), or fails later, ends its own stream only; the others keep going. {@link #metrics()} has each
 * stream's counters, rates, drops, reconnects and decode latency.
 *
 * <p>Life cycle: {@link #start()} once, then {@link #awaitCompletion(Duration)} for finite sources or
 * keep running for live ones, then {@link #close()}, which stops the threads and flushes and closes the
 * sink (the service owns it). The stream threads are daemon threads: a caller that wants the process
 * to live while they run waits on the service.
 */
public final class IngestService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** How long a stream may take to notice a stop request before it is interrupted. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How long an interrupted stream may take to end before it is abandoned. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);

    private final IngestConfig config;
    private final PairSink sink;
    private final List<StreamWorker> workers;
    private final List<Thread> threads = new ArrayList<>();
    private final Object monitor = new Object();
    private boolean started;
    private boolean closed;
    private final MeterRegistry meterRegistry;
    private volatile IngestMeters meters;

    /** A service on the system clocks with the standard sources (FFmpeg for files and networks, synthetic clips). */
    public IngestService(IngestConfig config, List<SourceSpec> sources, PairSink sink) {
        this(config, sources, sink, CaptureClock.system(), SourceOpener.standard());
    }

    /**
     * A service on the system clocks with the standard sources whose meters ({@link IngestMeters}) are
     * bound to {@code meterRegistry} while it runs.
     */
    public IngestService(IngestConfig config, List<SourceSpec> sources, PairSink sink, MeterRegistry meterRegistry) {
        this(config, sources, sink, CaptureClock.system(), SourceOpener.standard(), meterRegistry);
    }

    /**
     * A service with its own capture clock and source opener.
     *
     * @param config sampling, pairing and resolution
     * @param sources what to read; stream ids must be unique
     * @param sink where pairs go; closed by {@link #close()}
     * @param clock stamps capture times and paces realtime playback
     * @param opener opens each source on its stream's thread
     * @throws IllegalArgumentException when there are no sources or two share a stream id
     */
    public IngestService(IngestConfig config, List<SourceSpec> sources, PairSink sink, CaptureClock clock,
                         SourceOpener opener) {
        // Without a registry of its own the meters go to one that nobody scrapes.
        this(config, sources, sink, clock, opener, new SimpleMeterRegistry());
    }

    /**
     * A service with its own capture clock and source opener whose meters ({@link IngestMeters}) are bound
     * to {@code meterRegistry} from {@link #start()} to {@link #close()}.
     */
    public IngestService(IngestConfig config, List<SourceSpec> sources, PairSink sink, CaptureClock clock,
                         SourceOpener opener, MeterRegistry meterRegistry) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(opener, "opener");
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("ingest needs at least one source");
        }
        Map<String, SourceSpec> byId = new HashMap<>();
        List<StreamWorker> list = new ArrayList<>(sources.size());
        for (SourceSpec spec : sources) {
            SourceSpec previous = byId.putIfAbsent(spec.streamId(), spec);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate stream id '" + spec.streamId() + "' for " + previous.text()
                        + " and " + spec.text() + "; name them apart with id=location");
            }
            list.add(new StreamWorker(spec, config, sink, clock, opener, this::stateChanged));
        }
        this.workers = List.copyOf(list);
    }

    /** The configuration every stream runs with. */
    public IngestConfig config() {
        return config;
    }

    /**
     * Starts one thread per source.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (monitor) {
            if (closed) {
                throw new IllegalStateException("ingest service is closed");
            }
            if (started) {
                throw new IllegalStateException("ingest service is already started");
            }
            started = true;
            for (StreamWorker worker : workers) {
                Thread thread = new Thread(worker, "vjepa-ingest-" + worker.spec().streamId());
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
        meters = IngestMeters.bind(this, meterRegistry, sink instanceof KafkaPairSink kafka ? kafka.clientMetrics() : null);
        threads.forEach(Thread::start);
        LOG.info("ingest started: {} streams, {}", workers.size(), config);
    }

    /**
     * Waits until every finite source has ended (completed, failed or stopped). Live sources do not
     * end by themselves and are not waited for once they are running.
     *
     * @return true when all finite sources ended in time, false on timeout
     * @throws IllegalStateException when the service was never started
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            if (!started) {
                throw new IllegalStateException("ingest service was not started");
            }
            while (!workers.stream().allMatch(StreamWorker::settled)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000L));
            }
            return true;
        }
    }

    @Override
    public String name() {
        return "ingest";
    }

    /**
     * Ends when every finite source has ended and no source is endless; see {@link #awaitCompletion(Duration)}.
     * With a camera, a network stream or an endless clip it never ends by itself.
     */
    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return awaitCompletion(timeout) && !endless();
    }

    /** Up when every stream is running or completed and the sink's store takes the pairs; see {@link IngestHealth#toServiceHealth()}. */
    @Override
    public ServiceHealth health() {
        return ingestHealth().toServiceHealth();
    }

    @Override
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The overall status, every stream's state, and whether pairs wait for the sink's store. */
    public IngestHealth ingestHealth() {
        Map<String, StreamState> states = new LinkedHashMap<>();
        workers.forEach(w -> states.put(w.spec().streamId(), w.state()));
        long failed = states.values().stream().filter(s -> s == StreamState.FAILED).count();
        String outage = sink.outage().orElse(null);
        IngestHealth.Status status;
        synchronized (monitor) {
            if (!started || closed || failed == states.size() || outage != null) {
                status = IngestHealth.Status.DOWN;
            } else if (failed > 0) {
                status = IngestHealth.Status.DEGRADED;
            } else {
                status = IngestHealth.Status.UP;
            }
        }
        return new IngestHealth(status, states, outage);
    }

    /**
     * True while some stream reads a source that does not end by itself (a camera, a network stream, an
     * endless clip), so that a caller running until its sources end keeps running for it.
     */
    public boolean endless() {
        return workers.stream().anyMatch(StreamWorker::endless);
    }

    /** Each stream's counters, keyed by stream id in the order the sources were given. */
    public Map<String, StreamStats> metrics() {
        Map<String, StreamStats> out = new LinkedHashMap<>();
        workers.forEach(w -> out.put(w.spec().streamId(), w.stats()));
        return Collections.unmodifiableMap(out);
    }

    /** Stops every stream, waits for the threads, then flushes and closes the sink. Idempotent. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
        }
        workers.forEach(StreamWorker::requestStop);
        for (Thread thread : threads) {
            joinOrInterrupt(thread);
        }
        try {
            sink.flush();
        } finally {
            sink.close();
        }
        LOG.info("ingest closed: {}", metrics().values());
        IngestMeters bound = meters;
        if (bound != null) {
            bound.close();
        }
    }

    private static void joinOrInterrupt(Thread thread) {
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                // Blocked in a wait (realtime pacing, a full sink): interrupting releases it.
                thread.interrupt();
                thread.join(INTERRUPT_GRACE.toMillis());
            }
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {}", thread.getName(), STOP_GRACE.plus(INTERRUPT_GRACE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stateChanged() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
