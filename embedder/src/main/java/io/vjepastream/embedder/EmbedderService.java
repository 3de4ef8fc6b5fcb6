package io.vjepastream.embedder;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vjepastream.embedder.dashboard.AnswerFeed;
import io.vjepastream.embedder.dashboard.Dashboard;
import io.vjepastream.runtime.Service;
import io.vjepastream.runtime.http.ServiceHealth;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedder as one service object: follows checkpoint announcements, and once the first model is
 * loaded runs the scoring topology on Kafka Streams.
 *
 * <p>{@link #start()} returns at once; the wait for the first checkpoint and the start of Streams
 * happen on a background thread. An unexpected failure in a stream thread (not a bad record, which is
 * dead-lettered) shuts the Streams client down and {@link #health()} reports it, rather than
 * retrying the same record forever or skipping it.
 *
 * <p>Served by {@link io.vjepastream.runtime.http.ServiceEndpoint#serve}, its {@link #httpPaths()} answer the
 * model in use and the latest answers per stream from this instance's state stores ({@link EmbedderHttpPaths}).
 *
 * <p>Graceful shutdown ({@link #close()}): the checkpoint watcher stops, then
 * Kafka Streams closes, which commits every task: what was answered is committed with its offsets,
 * and pairs still waiting in a batch are committed in the pending store and answered by the next run.
 * The instance leaves its consumer group at once, static or dynamic member alike, so its partitions
 * move to the other instances without waiting for the session timeout (see
 * {@link EmbedderConfig#toStreamsProperties()} for how a dynamic member is made to).
 */
public final class EmbedderService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedderService.class);
    private static final Duration MODEL_POLL = Duration.ofMillis(500);

    private final EmbedderConfig config;
    private final ModelRegistry registry;
    private final EmbedderMetrics metrics;
    private final MeterRegistry meterRegistry;
    private final EmbedderMeters meters;
    private final CheckpointWatcher watcher;
    private Thread watcherThread;
    private Thread starterThread;
    private volatile KafkaStreams streams;
    private volatile boolean closing;
    private volatile String startFailure;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final LatestAnswers latest = new LatestAnswers(() -> streams, () -> closing);
    private final AnswerFeed feed = new AnswerFeed();
    private final Dashboard dashboard = new Dashboard(feed, this::dashboardStatus);

    /** A service for {@code config}; nothing runs before {@link #start()}. */
    public EmbedderService(EmbedderConfig config) {
        // A Prometheus registry, so that the service can be served over HTTP as it is.
        this(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * A service whose meters ({@link EmbedderMeters}, Kafka Streams' metrics included) are bound to
     * {@code meterRegistry}; nothing runs before {@link #start()}.
     */
    public EmbedderService(EmbedderConfig config, MeterRegistry meterRegistry) {
        this.config = config;
        this.meterRegistry = java.util.Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.meters = new EmbedderMeters(meterRegistry);
        this.metrics = meters.newMetrics();
        this.registry = new ModelRegistry(config.modelId());
        this.watcher = new CheckpointWatcher(config, registry);
        meters.bind(this);
    }

    /**
     * Starts following checkpoints and, in the background, Kafka Streams once a model is loaded.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public String name() {
        return "embedder";
    }

    @Override
    public synchronized void start() {
        if (watcherThread != null || closing) {
            throw new IllegalStateException("embedder service " + config.applicationId() + " was already started");
        }
        LOG.info("starting embedder: {}", config);
        watcherThread = new Thread(watcher, config.applicationId() + "-checkpoints");
        watcherThread.setDaemon(true);
        watcherThread.start();
        starterThread = new Thread(this::startStreamsWhenModelLoaded, config.applicationId() + "-starter");
        starterThread.setDaemon(true);
        starterThread.start();
    }

    private void startStreamsWhenModelLoaded() {
        LOG.info("waiting for the first checkpoint on {}", Topics.CHECKPOINTS);
        try {
            while (!registry.awaitModel(MODEL_POLL)) {
                if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (closing) {
                return;
            }
            try {
                KafkaStreams kafkaStreams = new KafkaStreams(EmbedderTopology.build(config, registry, metrics, feed),
                        config.toStreamsProperties());
                kafkaStreams.setUncaughtExceptionHandler(e -> {
                    LOG.error("embedder stream thread failed; shutting the Streams client down", e);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                streams = kafkaStreams;
                meters.bindStreams(kafkaStreams);
                kafkaStreams.start();
            } catch (RuntimeException e) {
                startFailure = "Kafka Streams could not start: " + e.getMessage();
                LOG.error("embedder {}", startFailure, e);
                return;
            }
            LOG.info("model {} loaded; Kafka Streams started on {}", registry.currentVersion().orElse("?"), Topics.FRAME_PAIRS);
        }
    }

    /** UP only while Kafka Streams is RUNNING and a model is loaded; otherwise DOWN with the reason. */
    @Override
    public ServiceHealth health() {
        String model = registry.currentVersion().orElse(null);
        KafkaStreams kafkaStreams = streams;
        if (closing) {
            return ServiceHealth.down("closed");
        }
        if (model == null) {
            return ServiceHealth.down("waiting for the first checkpoint on " + Topics.CHECKPOINTS);
        }
        if (startFailure != null) {
            return ServiceHealth.down(startFailure);
        }
        if (kafkaStreams == null) {
            return ServiceHealth.down("model " + model + " loaded; Kafka Streams not started yet");
        }
        KafkaStreams.State state = kafkaStreams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return ServiceHealth.down("streams " + state + ", model " + model);
        }
        String threads = threadProblem(kafkaStreams);
        if (threads != null) {
            return ServiceHealth.down("streams " + state + " but " + threads + ", model " + model);
        }
        return ServiceHealth.up("streams " + state + ", model " + model);
    }

    /** Null when as many stream threads as configured exist and all are RUNNING; otherwise what is wrong. */
    private String threadProblem(KafkaStreams kafkaStreams) {
        Set<ThreadMetadata> threads = kafkaStreams.metadataForLocalThreads();
        String setting = config.streamsProperties().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        int configured = setting == null ? 1 : Integer.parseInt(setting.trim());
        if (threads.size() < configured) {
            return threads.size() + " of " + configured + " stream thread(s) alive";
        }
        for (ThreadMetadata thread : threads) {
            if (!"RUNNING".equals(thread.threadState())) {
                return "stream thread " + thread.threadName() + " is " + thread.threadState();
            }
        }
        return null;
    }

    /** The latest answers of the streams this instance serves, from its state stores. */
    LatestAnswers latest() {
        return latest;
    }

    /** The embedder runs until it is closed: this waits the whole timeout unless it is closed meanwhile. */
    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return closed.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** {@code /metrics.json}, {@code /model}, {@code /streams} and each stream's latest answers; see {@link EmbedderHttpPaths}. */
    @Override
    public HttpHandler httpPaths() {
        EmbedderHttpPaths paths = new EmbedderHttpPaths(this);
        return exchange -> {
            if (dashboard.handles(exchange.getRequestURI().getPath())) {
                dashboard.handle(exchange);
            } else {
                paths.handle(exchange);
            }
        };
    }

    /** The answers of the last minutes (energy, z-score, flag per pair), as the dashboard shows them. */
    public AnswerFeed answers() {
        return feed;
    }

    /** The live dashboard at {@code /} of this service's HTTP port, to which other services may add panels. */
    public Dashboard dashboard() {
        return dashboard;
    }

    private Map<String, Object> dashboardStatus() {
        MetricsSnapshot m = metrics();
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("model", registry.currentVersion().orElse("(none yet)"));
        rows.put("pairs scored", m.pairsScored());
        rows.put("anomalies flagged", m.anomalies());
        rows.put("dead-lettered", m.pairsDeadLettered());
        rows.put("state", health().status().toString());
        return rows;
    }

    /** Pairs scored, records dead-lettered, anomalies flagged and the serving model's version. */
    public MetricsSnapshot metrics() {
        return metrics.snapshot(registry);
    }

    /** Where this service's meters are bound. */
    @Override
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The registry of this service's serving model. */
    public ModelRegistry registry() {
        return registry;
    }

    /**
     * Stops Streams (committing what was processed), the checkpoint watcher and the model, within the
     * configured close timeout. Safe to call more than once and before {@link #start()}.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        KafkaStreams kafkaStreams;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            kafkaStreams = streams;
        }
        watcher.close();
        // leaveGroup removes a static member (group.instance.id); a dynamic one leaves as its consumer closes.
        if (kafkaStreams != null && !kafkaStreams.close(new KafkaStreams.CloseOptions().timeout(remaining(deadline))
                .leaveGroup(true))) {
            LOG.warn("Kafka Streams did not stop within {}", config.closeTimeout());
        }
        join(starterThread, deadline);
        join(watcherThread, deadline);
        MetricsSnapshot last = metrics();
        meters.close();
        registry.close();
        closed.countDown();
        LOG.info("embedder stopped: {}", last.toMap());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void join(Thread thread, long deadline) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("thread {} did not stop within the close timeout", thread.getName());
        }
    }
}
