package io.vjepastream.app.service;

import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.runtime.client.BrokerReadiness;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.http.ServiceMetrics;
import io.vjepastream.trainer.TrainerConfig;
import io.vjepastream.trainer.TrainerMetrics;
import io.vjepastream.trainer.TrainerService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa train}: the continual trainer on its own, against an existing Kafka cluster. */
@Command(name = "train", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa train --bootstrap kafka:9092 --checkpoints /var/lib/vjepa/checkpoints \\",
            "      --model-config config/forecaster.yaml"}, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Train the world model continually on vjepa.frame-pairs and announce checkpoints.",
            "Resumes from the newest complete checkpoint in --checkpoints. Stops on SIGTERM / Ctrl-C"
                + " (or after --max-steps) with a final checkpoint. Exits 1, naming the address, when"
                + " Kafka does not answer within 10 s."})
public final class TrainCommand implements Callable<Integer>, SettingOptions.Declared {
    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "Checkpoint directory, shared with the embedder. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path checkpoints;

    @Mixin
    private ModelOptions model = new ModelOptions();

    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Mixin
    private RunnerOptions runnerOptions = new RunnerOptions();

    /** Creates the command; picocli fills in its options. */
    public TrainCommand() {
    }

    @Override
    public Integer call() throws Exception {
        runnerOptions.check();
        TrainerConfig config = config();
        TrainerService.requireResumable(config.checkpointDir(), config.model());
        BrokerReadiness.await(kafka.bootstrap(), config.kafkaProperties(), BrokerReadiness.SERVICE_START_WAIT);
        PrintWriter out = spec.commandLine().getOut();
        ServiceMetrics metrics = ServiceMetrics.create("trainer");
        TrainerService service = new TrainerService(config, metrics.registry());
        runnerOptions.runner(service, out)
                .status(() -> printStatus(out, service.metrics())).thenClose(metrics).build().run();
        return 0;
    }

    /** The trainer's config from the options: its settings ({@link TrainerConfig#SETTINGS}), the model and Kafka. */
    TrainerConfig config() {
        TrainerConfig.Builder builder = TrainerConfig.SETTINGS.apply(TrainerConfig.builder(),
                SettingOptions.values(spec, TrainerConfig.SETTINGS));
        return builder.bootstrapServers(kafka.bootstrap()).checkpointDir(checkpoints).model(model.resolve())
                .kafkaProperties(kafka.resolve()).build();
    }

    @Override
    public List<Setting<?>> settings() {
        return TrainerConfig.SETTINGS.settings();
    }

    private static void printStatus(PrintWriter out, TrainerMetrics m) {
        out.println(String.format(Locale.ROOT,
                "step %d, loss %.4f, %.2f steps/s, %d pairs received, %d rejected, %d skipped, "
                        + "%d checkpoints (newest step %d), embedding std %.4f, effective rank %.2f, validation loss %.4f",
                m.steps(), m.lastLoss(), m.stepsPerSecond(), m.pairsReceived(), m.rejected(), m.skippedSteps(),
                m.checkpoints(), m.lastCheckpointStep(), m.embeddingStd(), m.effectiveRank(), m.validationLoss()));
        out.flush();
    }
}
