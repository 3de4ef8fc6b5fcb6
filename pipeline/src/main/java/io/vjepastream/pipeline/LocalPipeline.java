package io.vjepastream.pipeline;

import io.vjepastream.runtime.Service;
import io.vjepastream.runtime.http.ServiceMetrics;
import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EmbedderService;
import io.vjepastream.embedder.MetricsSnapshot;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.schemas.files.DirectoryTrees;
import io.vjepastream.runtime.http.ServiceEndpoint;
import io.vjepastream.trainer.TrainerConfig;
import io.vjepastream.trainer.TrainerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: a real single-node KRaft broker, the topics, and the trainer, the
 * embedder and ingest wired to it, started in the order data flows backwards (consumers first, so
 * nothing waits on a topic that does not exist yet) and closed in the order data flows forwards (ingest
 * first, so the trainer's final checkpoint covers everything that was produced).
 */
public final class LocalPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

    /** How long a stopping pipeline waits for the embedder to answer the pairs ingest already sent. */
    public static final Duration DRAIN_GRACE = Duration.ofSeconds(10);
    private static final long DRAIN_POLL_MILLIS = 50;

    private final Settings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private String bootstrap;
    private TrainerService trainer;
    private EmbedderService embedder;
    private IngestService ingest;
    private Path streamsStateDir;
    private volatile long unansweredAtStop;

    /**
     * What to run.
     *
     * @param sources the video sources, already validated
     * @param externalBootstrap an existing Kafka cluster to use instead of the embedded broker, or null
     * @param kafkaPort the embedded broker's port on 127.0.0.1 (0 picks a free one)
     * @param checkpointDir where the trainer writes checkpoints
     * @param model the model configuration; ingest scales frames to its resolution
     * @param batchSize training batch size
     * @param checkpointEverySteps steps between checkpoints
     * @param maxSteps stop training after this many steps (0: train until closed)
     * @param serviceSettings ingest and embedder settings by name ({@link IngestConfig#SETTINGS},
     *     {@link EmbedderConfig#SETTINGS}), such as {@code realtime} or {@code anomalyThreshold}
     * @param kafkaProperties Kafka client properties (security, TLS, SASL) for every client of every service
     */
    public record Settings(List<SourceSpec> sources, String externalBootstrap, int kafkaPort, Path checkpointDir, JepaConfig model,
            int batchSize, int checkpointEverySteps, long maxSteps, Map<String, String> serviceSettings,
            Map<String, String> kafkaProperties) {
        public Settings {
            sources = List.copyOf(sources);
            Objects.requireNonNull(checkpointDir, "checkpointDir");
            Objects.requireNonNull(model, "model");
            serviceSettings = Map.copyOf(serviceSettings);
            kafkaProperties = Map.copyOf(kafkaProperties);
        }

        /** Settings with ingest's and the embedder's defaults. */
        public Settings(List<SourceSpec> sources, String externalBootstrap, int kafkaPort, Path checkpointDir,
                        JepaConfig model, int batchSize, int checkpointEverySteps, long maxSteps) {
            this(sources, externalBootstrap, kafkaPort, checkpointDir, model, batchSize, checkpointEverySteps, maxSteps,
                    Map.of(), Map.of());
        }
    }

    /** Ingest's configuration, once started. */
    private IngestConfig ingestConfig;

    private LocalPipeline(Settings settings) {
        this.settings = settings;
    }

    /** Starts everything; on a failure, stops what was already started and rethrows. */
    public static LocalPipeline start(Settings settings) throws IOException {
        LocalPipeline pipeline = new LocalPipeline(settings);
        try {
            pipeline.startAll();
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startAll() throws IOException {
        TrainerService.requireResumable(settings.checkpointDir(), settings.model());
        if (settings.externalBootstrap() == null) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(settings.kafkaPort()).build().start();
            started.add(broker);
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = settings.externalBootstrap();
        }
        TopicSetup.createAll(bootstrap, settings.kafkaProperties(), 1, (short) 1);
        log.info("broker ready at {} with the vjepa topics", bootstrap);

        // One registry per service, closed after the services, as if each ran in its own process.
        ServiceMetrics ingestMetrics = ServiceMetrics.create("ingest");
        ServiceMetrics trainerMetrics = ServiceMetrics.create("trainer");
        ServiceMetrics embedderMetrics = ServiceMetrics.create("embedder");
        started.add(ingestMetrics);
        started.add(trainerMetrics);
        started.add(embedderMetrics);

        streamsStateDir = Files.createTempDirectory("vjepa-streams-");
        EmbedderConfig.Builder embedderConfig = EmbedderConfig.builder(bootstrap).stateDir(streamsStateDir);
        settings.kafkaProperties().forEach(embedderConfig::streamsProperty);
        IngestConfig.Builder ingestConfig = IngestConfig.builder();
        EmbedderConfig.SETTINGS.apply(embedderConfig, IngestConfig.SETTINGS.applyKnown(ingestConfig, settings.serviceSettings()));
        embedder = new EmbedderService(embedderConfig.build(), embedderMetrics.registry());
        embedder.start();
        started.add(embedder);

        trainer = new TrainerService(TrainerConfig.builder()
                .bootstrapServers(bootstrap)
                .checkpointDir(settings.checkpointDir())
                .model(settings.model())
                .batchSize(settings.batchSize())
                .replayCapacity(Math.max(1024, settings.batchSize()))
                .checkpointEverySteps(settings.checkpointEverySteps())
                .maxSteps(settings.maxSteps())
                .kafkaProperties(settings.kafkaProperties())
                .build(), trainerMetrics.registry());
        trainer.start();
        started.add(trainer);

        JepaConfig model = settings.model();
        // Frames are cut for the model, whatever the settings say.
        ingestConfig.imageSize(model.imageSize()).patchSize(model.patchSize()).contextFrames(model.contextFrames());
        this.ingestConfig = ingestConfig.kafkaProperties(settings.kafkaProperties()).build();
        ingest = new IngestService(this.ingestConfig, settings.sources(),
                new KafkaPairSink(bootstrap, settings.kafkaProperties()), ingestMetrics.registry());
        ingest.start();
        started.add(ingest);
        embedder.dashboard().panel("trainer", () -> DashboardPanels.trainer(trainer.metrics()));
        embedder.dashboard().panel("ingest", () -> DashboardPanels.ingest(ingest.metrics()));
    }

    /**
     * Serves each service's {@code /metrics} and {@code /health} (the embedder's query paths too) until
     * {@link #close()}: on ports {@code port}, {@code port + 1} and {@code port + 2} for ingest, trainer and
     * embedder, on free ports when {@code port} is 0, not at all when it is {@link ServiceEndpoint#OFF}.
     *
     * @return the endpoint of each service, by name, in that order
     * @throws IllegalArgumentException when the port is out of range
     */
    public Map<String, ServiceEndpoint> serveHttp(int port) {
        ServiceEndpoint.checkPort("--http-port", port);
        Map<String, ServiceEndpoint> endpoints = new LinkedHashMap<>();
        if (port == ServiceEndpoint.OFF) {
            return endpoints;
        }
        if (port > 65_533) {
            throw new IllegalArgumentException("--http-port " + port + " leaves no room for three ports (up to 65533)");
        }
        List<Service> services = List.of(ingest, trainer, embedder);
        for (int i = 0; i < services.size(); i++) {
            ServiceEndpoint http = ServiceEndpoint.serve(services.get(i), port == 0 ? 0 : port + i);
            started.add(http);
            endpoints.put(services.get(i).name(), http);
        }
        return endpoints;
    }

    /** How ingest cuts pairs, once started. */
    IngestConfig ingestConfig() {
        return ingestConfig;
    }

    /** Where clients reach the pipeline's Kafka. */
    public String bootstrapServers() {
        return bootstrap;
    }

    public IngestService ingest() {
        return ingest;
    }

    public TrainerService trainer() {
        return trainer;
    }

    public EmbedderService embedder() {
        return embedder;
    }

    public Settings settings() {
        return settings;
    }

    /** Pairs ingest has handed to Kafka, over all streams. */
    public long pairsSent() {
        return ingest == null ? 0 : ingest.metrics().values().stream().mapToLong(StreamStats::pairsSent).sum();
    }

    /** Pairs the embedder has answered, with latents and energies or with a dead letter. */
    public long pairsAnswered() {
        if (embedder == null) {
            return 0;
        }
        MetricsSnapshot m = embedder.metrics();
        return m.pairsScored() + m.pairsDeadLettered();
    }

    /** Pairs ingest sent that the embedder had not answered when the pipeline stopped; 0 while it runs. */
    public long unansweredAtStop() {
        return unansweredAtStop;
    }

    /**
     * Stops ingest, lets the embedder answer what ingest already sent (within {@link #DRAIN_GRACE}: the
     * temporary broker's data goes with it), then stops the trainer (which writes a final checkpoint),
     * the embedder and the broker.
     */
    @Override
    public void close() {
        if (ingest != null && started.contains(ingest)) {
            closeQuietly(ingest);
            started.remove(ingest);
            unansweredAtStop = drain();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
        deleteQuietly(streamsStateDir);
    }

    /** Waits until the embedder has answered every pair sent, or the grace is over; returns how many are left. */
    private long drain() {
        long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
        // Without a serving model nothing is answered, however long it waits.
        while (embedder != null && embedder.registry().currentVersion().isPresent() && pairsAnswered() < pairsSent()
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long left = Math.max(0, pairsSent() - pairsAnswered());
        if (left > 0) {
            log.warn("{} pair(s) sent by ingest were not answered within the {} s grace; they go with the broker's data",
                    left, DRAIN_GRACE.toSeconds());
        }
        return left;
    }

    private static void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            log.warn("error while stopping {}: {}", service.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        DirectoryTrees.deleteQuietly(dir).ifPresent(e -> log.debug("cannot delete {}: {}", dir, e.getMessage()));
    }
}
