package io.vjepastream.embedder;

import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
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
 */
public final class EmbedderService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedderService.class);
    private static final Duration MODEL_POLL = Duration.ofMillis(500);

    private final EmbedderConfig config;
    private final ModelRegistry registry;
    private final EmbedderMetrics metrics = new EmbedderMetrics();
    private final CheckpointWatcher watcher;
    private Thread watcherThread;
    private Thread starterThread;
    private volatile KafkaStreams streams;
    private volatile boolean closing;
    private volatile String startFailure;

    /** A service for {@code config}; nothing runs before {@link #start()}. */
    public EmbedderService(EmbedderConfig config) {
        this.config = config;
        this.registry = new ModelRegistry(config.modelId());
        this.watcher = new CheckpointWatcher(config, registry);
    }

    /**
     * Starts following checkpoints and, in the background, Kafka Streams once a model is loaded.
     *
     * @throws IllegalStateException when already started or closed
     */
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
                KafkaStreams kafkaStreams = new KafkaStreams(EmbedderTopology.build(config, registry, metrics),
                        config.toStreamsProperties());
                kafkaStreams.setUncaughtExceptionHandler(e -> {
                    LOG.error("embedder stream thread failed; shutting the Streams client down", e);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                streams = kafkaStreams;
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
    public EmbedderHealth health() {
        String model = registry.currentVersion().orElse(null);
        KafkaStreams kafkaStreams = streams;
        if (closing) {
            return new EmbedderHealth(EmbedderHealth.Status.DOWN, "closed");
        }
        if (model == null) {
            return new EmbedderHealth(EmbedderHealth.Status.DOWN, "waiting for the first checkpoint on " + Topics.CHECKPOINTS);
        }
        if (startFailure != null) {
            return new EmbedderHealth(EmbedderHealth.Status.DOWN, startFailure);
        }
        if (kafkaStreams == null) {
            return new EmbedderHealth(EmbedderHealth.Status.DOWN, "model " + model + " loaded; Kafka Streams not started yet");
        }
        KafkaStreams.State state = kafkaStreams.state();
        EmbedderHealth.Status status = state == KafkaStreams.State.RUNNING ? EmbedderHealth.Status.UP : EmbedderHealth.Status.DOWN;
        return new EmbedderHealth(status, "streams " + state + ", model " + model);
    }

    /** Pairs scored, records dead-lettered, anomalies flagged and the serving model's version. */
    public MetricsSnapshot metrics() {
        return metrics.snapshot(registry);
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
        if (kafkaStreams != null && !kafkaStreams.close(remaining(deadline))) {
            LOG.warn("Kafka Streams did not stop within {}", config.closeTimeout());
        }
        join(starterThread, deadline);
        join(watcherThread, deadline);
        MetricsSnapshot last = metrics();
        registry.close();
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
