package io.vjepastream.app.service;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.ShutdownSignal;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EmbedderService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa embed}: the Kafka Streams embedder on its own, against an existing Kafka cluster. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score frame pairs into latent states and anomaly energies.",
            "Uses the newest announced checkpoint and swaps in new ones as they come. Runs until SIGTERM / Ctrl-C."})
public final class EmbedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
    private String bootstrap;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "vjepa-streams",
            description = "Kafka Streams state directory. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path stateDir;

    @Option(names = "--processing-guarantee", paramLabel = "G", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once. Default: ${DEFAULT-VALUE}.")
    private String processingGuarantee;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = {"Serve /health, /model, /metrics and /streams (latest energy and latent per stream) as JSON"
                + " on this port. Default: ${DEFAULT-VALUE} (off)."})
    private int httpPort;

    @Option(names = "--batch-max", paramLabel = "N", defaultValue = "16",
            description = "Most pairs scored in one model call, across streams. Default: ${DEFAULT-VALUE}.")
    private int batchMax;

    @Option(names = "--batch-linger", paramLabel = "D", defaultValue = "5ms", converter = DurationConverter.class,
            description = "How long a pair may wait for others before its batch is scored. Default: ${DEFAULT-VALUE}.")
    private Duration batchLinger;

    @Option(names = "--status-every", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to print progress. Default: ${DEFAULT-VALUE}.")
    private Duration statusEvery;

    /** Creates the command; picocli fills in its options. */
    public EmbedCommand() {
    }

    @Override
    public Integer call() throws Exception {
        EmbedderConfig config = EmbedderConfig.builder(bootstrap).stateDir(stateDir)
                .processingGuarantee(processingGuarantee).httpPort(httpPort)
                .batchMaxPairs(batchMax).batchLinger(batchLinger).build();
        PrintWriter out = spec.commandLine().getOut();
        EmbedderService service = new EmbedderService(config);
        try (ShutdownSignal stop = new ShutdownSignal("vjepa-embed"); service) {
            service.start();
            service.httpPort().ifPresent(port -> {
                out.println("HTTP endpoint on port " + port + ": /health, /model, /metrics, /streams");
                out.flush();
            });
            while (!stop.await(statusEvery)) {
                out.println(service.health().status() + " " + service.metrics().toMap());
                out.flush();
            }
        }
        out.println(service.metrics().toMap());
        out.flush();
        return 0;
    }
}
