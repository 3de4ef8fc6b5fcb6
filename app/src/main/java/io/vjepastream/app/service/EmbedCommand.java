package io.vjepastream.app.service;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.app.cli.ScoringOptions;
import io.vjepastream.runtime.http.ServiceMetrics;
import io.vjepastream.runtime.client.BrokerReadiness;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EmbedderService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa embed}: the Kafka Streams embedder on its own, against an existing Kafka cluster. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score frame pairs into latent states and anomaly energies.",
            "Uses the newest announced checkpoint and swaps in new ones as they come. Runs until SIGTERM / Ctrl-C.",
            "Exits 1, naming the address, when Kafka does not answer within 10 s."})
public final class EmbedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;


    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "vjepa-streams",
            description = "Kafka Streams state directory. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path stateDir;

    @Option(names = "--processing-guarantee", paramLabel = "G", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once. Default: ${DEFAULT-VALUE}.")
    private String processingGuarantee;


    @Option(names = "--batch-max", paramLabel = "N", defaultValue = "" + EmbedderConfig.DEFAULT_BATCH_MAX_PAIRS,
            description = "Most pairs scored in one model call, across streams. Default: ${DEFAULT-VALUE}.")
    private int batchMax;

    @Option(names = "--batch-linger", paramLabel = "D", defaultValue = "5ms", converter = DurationConverter.class,
            description = "How long a pair may wait for others before its batch is scored. Default: ${DEFAULT-VALUE}.")
    private Duration batchLinger;

    @Option(names = "--frame-cache", paramLabel = "FRAMES", defaultValue = "" + EmbedderConfig.DEFAULT_FRAME_CACHE_FRAMES,
            description = {"Frames per stream whose encodings are reused by the stream's next pairs (consecutive pairs"
                + " share frames); 0 encodes every frame of every pair. Default: ${DEFAULT-VALUE}."})
    private int frameCache;

    @Mixin
    private ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--emit-tokens", description = "Put all the newest frame's tokens in each LatentState, not only their mean.")
    private boolean emitTokens;


    @Mixin
    private RunnerOptions runnerOptions = new RunnerOptions();

    /** Creates the command; picocli fills in its options. */
    public EmbedCommand() {
    }

    @Override
    public Integer call() throws Exception {
        runnerOptions.check();
        EmbedderConfig.Builder builder = EmbedderConfig.builder(kafka.bootstrap()).stateDir(stateDir)
                .processingGuarantee(processingGuarantee)
                .batchMaxPairs(batchMax).batchLinger(batchLinger).contextEncoder(scoring.contextEncoder())
                .energyMeasure(scoring.energyMeasure())
                .frameCacheFrames(frameCache).emitTokens(emitTokens);
        // Kafka Streams hands unprefixed client properties to every client it creates.
        Map<String, String> clientProperties = kafka.resolve();
        clientProperties.forEach(builder::streamsProperty);
        EmbedderConfig config = builder.build();
        BrokerReadiness.await(kafka.bootstrap(), clientProperties, BrokerReadiness.SERVICE_START_WAIT);
        PrintWriter out = spec.commandLine().getOut();
        ServiceMetrics metrics = ServiceMetrics.create("embedder");
        EmbedderService service = new EmbedderService(config, metrics.registry());
        runnerOptions.runner(service, out)
                .status(() -> {
                    out.println(service.health().status() + " " + service.metrics().toMap());
                    out.flush();
                }).thenClose(metrics).build().run();
        return 0;
    }
}
