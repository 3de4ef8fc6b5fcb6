package io.vjepastream.app.service;

import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EmbedderService;
import io.vjepastream.runtime.client.BrokerReadiness;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.http.ServiceMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa embed}: the Kafka Streams embedder on its own, against an existing Kafka cluster. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Score frame pairs into latent states and anomaly energies.",
            "Uses the newest announced checkpoint and swaps in new ones as they come. Runs until SIGTERM / Ctrl-C.",
            "Exits 1, naming the address, when Kafka does not answer within 10 s.",
            "Example: vjepa embed --bootstrap kafka:9092 --anomaly-threshold 4 --stats-half-life 50"})
public final class EmbedCommand implements Callable<Integer>, SettingOptions.Declared {
    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "vjepa-streams",
            description = "Kafka Streams state directory. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path stateDir;

    @Mixin
    private RunnerOptions runnerOptions = new RunnerOptions();

    /** Creates the command; picocli fills in its options. */
    public EmbedCommand() {
    }

    @Override
    public Integer call() throws Exception {
        runnerOptions.check();
        EmbedderConfig config = config();
        BrokerReadiness.await(kafka.bootstrap(), kafka.resolve(), BrokerReadiness.SERVICE_START_WAIT);
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

    /** The embedder's config from the options: its settings ({@link EmbedderConfig#SETTINGS}), state and Kafka. */
    EmbedderConfig config() {
        EmbedderConfig.Builder builder = EmbedderConfig.SETTINGS.apply(EmbedderConfig.builder(kafka.bootstrap()),
                SettingOptions.values(spec, EmbedderConfig.SETTINGS)).stateDir(stateDir);
        // Kafka Streams hands unprefixed client properties to every client it creates.
        Map<String, String> clientProperties = kafka.resolve();
        clientProperties.forEach(builder::streamsProperty);
        return builder.build();
    }

    @Override
    public List<Setting<?>> settings() {
        return EmbedderConfig.SETTINGS.settings();
    }
}
