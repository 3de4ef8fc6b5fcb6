package io.vjepastream.app;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.FailureReporter;
import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.runtime.ShutdownSignal;
import io.vjepastream.pipeline.LocalPipeline;
import io.vjepastream.pipeline.ProgressReport;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.http.ServiceEndpoint;
import io.vjepastream.trainer.TrainerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa local}: the whole pipeline on a Kafka broker inside this JVM, for a while, then a summary. */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Run ingest, trainer and embedder against a real single-node Kafka broker inside this JVM.",
            "Prints progress while it runs and a summary at the end; Ctrl-C or SIGTERM stops it"
                + " early and cleanly, with the summary (exit code 130 for Ctrl-C, 143 for SIGTERM, as for"
                + " any stopped JVM)."},
        footer = {"",
            "Sources: a path to a video file, file:/path, rtsp://..., http(s)://..., or",
            "synthetic:?seconds=60&fps=10&objects=3&seed=1 (moving objects, always available).",
            "Prefix 'ID=' to name the stream, e.g. --source cam1=rtsp://10.0.0.5/stream.",
            "With --bootstrap HOST:PORT it uses an existing cluster instead of its own broker, with the client",
            "properties of --kafka-property, --kafka-config and VJEPA_KAFKA_<KEY> (security, SASL, TLS).",
            "While it runs, other clients reach the broker at 127.0.0.1:<kafka-port>, e.g.",
            "  bin/vjepa tail vjepa.anomaly-energy --bootstrap 127.0.0.1:9092",
            "and the dashboard it prints shows every stream live. Example, planted teleports flagged live:",
            "  bin/vjepa local --realtime --anomaly-threshold 2 --z-score-warmup 10 \\",
            "      --source 'cam=synthetic:?seconds=90&anomalies=teleport&anomaly_every=2'"})
public final class LocalCommand implements Callable<Integer>, SettingOptions.Declared {
    /**
     * Ingest's and the embedder's settings that vjepa local takes: pacing (in real time by default, as cameras
     * would send) and how anomalies are flagged.
     */
    private static final List<Setting<?>> SERVICE_SETTINGS = List.of(IngestConfig.REALTIME.withDefault(true),
            EmbedderConfig.ANOMALY_THRESHOLD, EmbedderConfig.ZSCORE_WARMUP, EmbedderConfig.STATS_HALF_LIFE);

    /** Checkpoints come often in a short local run, so the embedder swaps in better models while it watches. */
    private static final Setting<Integer> CHECKPOINT_EVERY_STEPS = TrainerConfig.CHECKPOINT_EVERY_STEPS.withDefault(20);

    /** The source of a run that names none: a scene that breaks its rules at known moments. */
    static final String DEFAULT_SOURCE = "synthetic:?seconds=0&anomalies=teleport,vanish,colour,stall,reverse";

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "URI", split = ";",
            description = "A video source; repeat for several, or separate them with semicolons. Default: the"
                    + " synthetic scene, endless, with an anomaly of each kind planted in turn every 4 s ("
                    + LocalCommand.DEFAULT_SOURCE + "); the summary says how many of them were flagged.")
    private List<String> sources = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, defaultValue = "90s",
            description = "How long to run, e.g. 90s, 5m. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--kafka-port", paramLabel = "P", defaultValue = "9092",
            description = "Port of the broker on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    private int kafkaPort;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "Where the trainer writes checkpoints. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path checkpoints;

    @Option(names = "--progress-every", paramLabel = "D", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often to print a progress line. Default: ${DEFAULT-VALUE}.")
    private Duration progressEvery;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve each service's /metrics (Prometheus) and /health: ingest on PORT, trainer on PORT+1,"
                    + " embedder on PORT+2; 0 picks free ports (printed at start), -1 turns them off."
                    + " Default: ${DEFAULT-VALUE}.")
    private int httpPort;

    @Mixin
    private ModelOptions model = new ModelOptions();

    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    /** Creates the command; picocli fills in its options. */
    public LocalCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (kafkaPort < 0 || kafkaPort > 65535) {
            throw new IllegalArgumentException("--kafka-port must be 0..65535, got " + kafkaPort);
        }
        ServiceEndpoint.checkPort("--http-port", httpPort);
        // With --bootstrap the services use that cluster; without it, a broker of their own in this JVM.
        String external = SettingOptions.given(spec, "--bootstrap") ? kafka.bootstrap() : null;
        if (external != null && SettingOptions.given(spec, "--kafka-port")) {
            throw new IllegalArgumentException("give --bootstrap (an existing cluster) or --kafka-port (the in-JVM"
                    + " broker's port), not both");
        }
        if (external == null) {
            checkKafkaPortFree();
        }
        List<SourceSpec> specs = new ArrayList<>();
        for (String source : sources.isEmpty() ? List.of(DEFAULT_SOURCE) : sources) {
            SourceSpec parsed = SourceSpec.parse(source);
            parsed.validate();
            specs.add(parsed);
        }
        LocalPipeline.Settings settings = new LocalPipeline.Settings(specs, external, kafkaPort, checkpoints,
                model.resolve(), SettingOptions.value(spec, TrainerConfig.BATCH_SIZE),
                SettingOptions.value(spec, CHECKPOINT_EVERY_STEPS), 0,
                SettingOptions.values(spec, SERVICE_SETTINGS), kafka.resolve());
        PrintWriter out = spec.commandLine().getOut();

        out.printf("vjepa local: %d source(s) for %s; checkpoints in %s%n", specs.size(), ProgressReport.format(duration),
                checkpoints.toAbsolutePath().normalize());
        out.flush();
        Set<String> failed = new HashSet<>();
        try (ShutdownSignal stop = new ShutdownSignal("vjepa-local");
             LocalPipeline pipeline = LocalPipeline.start(settings)) {
            out.printf(external == null ? "broker listening on %s%n" : "using the Kafka cluster at %s%n",
                    pipeline.bootstrapServers());
            Map<String, ServiceEndpoint> endpoints = pipeline.serveHttp(httpPort);
            endpoints.values().forEach(http -> out.println(http.announcement()));
            ServiceEndpoint embedderHttp = endpoints.get(pipeline.embedder().name());
            if (embedderHttp != null) {
                out.println("dashboard: " + embedderHttp.url("/"));
            }
            out.flush();
            ProgressReport report = new ProgressReport(pipeline);
            long deadline = System.nanoTime() + duration.toNanos();
            while (!stop.await(Duration.ofNanos(Math.min(progressEvery.toNanos(), deadline - System.nanoTime())))) {
                out.println(report.line());
                out.flush();
                if (reportFailures(pipeline, failed) == specs.size()) {
                    // Nothing is left to learn from: stop now rather than idle for the whole duration.
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                pipeline.trainer().failure().ifPresent(t -> {
                    throw new IllegalStateException("trainer failed: " + t.getMessage(), t);
                });
            }
            reportFailures(pipeline, failed);
            out.println("stopping: ingest, then up to " + LocalPipeline.DRAIN_GRACE.toSeconds()
                    + " s for the embedder to answer what was sent, trainer (final checkpoint), embedder, broker");
            out.flush();
            // Closed here as well as by the try: after SIGTERM the JVM exits once the signal is closed, so the
            // summary must be printed before. Counters stay readable after close, and only then are they final.
            pipeline.close();
            out.println(report.summary());
            out.flush();
        }
        return failed.isEmpty() ? 0 : FailureReporter.FAILED;
    }

    /** Refuses a taken {@code --kafka-port} before anything starts, instead of the broker's failure to bind. */
    /** The services' settings that vjepa local takes; the others keep their defaults. */
    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(List.of(TrainerConfig.BATCH_SIZE, CHECKPOINT_EVERY_STEPS));
        all.addAll(SERVICE_SETTINGS);
        return all;
    }

    private void checkKafkaPortFree() {
        if (kafkaPort == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), kafkaPort));
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-port " + kafkaPort + ": address already in use on 127.0.0.1"
                    + " (another broker?); pass --kafka-port 0 for a free port, or another port", e);
        }
    }

    /**
     * Says once, in one line on stderr, each stream that failed since the last call, naming the source and
     * the reason, as {@code vjepa ingest} does; the other streams keep flowing.
     *
     * @return how many streams have failed so far
     */
    private int reportFailures(LocalPipeline pipeline, Set<String> failed) {
        PrintWriter err = spec.commandLine().getErr();
        for (StreamStats s : pipeline.ingest().metrics().values()) {
            if (s.state() == StreamState.FAILED && failed.add(s.streamId())) {
                err.println("vjepa: stream " + s.streamId() + " failed: " + s.lastError());
            }
        }
        err.flush();
        return failed.size();
    }
}
