package io.vjepastream.app.service;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.runtime.http.ServiceMetrics;
import io.vjepastream.runtime.client.BrokerReadiness;
import io.vjepastream.trainer.TrainerConfig;
import io.vjepastream.trainer.TrainerMetrics;
import io.vjepastream.trainer.TrainerService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa train}: the continual trainer on its own, against an existing Kafka cluster. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the world model continually on vjepa.frame-pairs and announce checkpoints.",
            "Resumes from the newest complete checkpoint in --checkpoints. Stops on SIGTERM / Ctrl-C",
            "(or after --max-steps) with a final checkpoint. Exits 1, naming the address, when Kafka does",
            "not answer within 10 s."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;


    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "Checkpoint directory, shared with the embedder. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path checkpoints;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainerConfig.DEFAULT_BATCH_SIZE, description = "Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS",
            defaultValue = "" + TrainerConfig.DEFAULT_CHECKPOINT_EVERY_STEPS,
            description = "Steps between checkpoints. Default: ${DEFAULT-VALUE}.")
    private int checkpointEvery;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "Stop after N steps; 0 trains until stopped. Default: ${DEFAULT-VALUE}.")
    private long maxSteps;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0",
            description = "Hold out this share of the pairs to validate each checkpoint and stop early when the "
                    + "held-out loss stops improving (for finite sources); 0 turns it off. Default: ${DEFAULT-VALUE}.")
    private double validationFraction;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "5",
            description = "Validations without improvement before stopping. Default: ${DEFAULT-VALUE}.")
    private int patience;

    @Option(names = "--min-delta", paramLabel = "D", defaultValue = "0",
            description = "Smallest fall of the held-out loss that counts as improvement. Default: ${DEFAULT-VALUE}.")
    private double minDelta;

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
        TrainerConfig config = TrainerConfig.builder().bootstrapServers(kafka.bootstrap()).checkpointDir(checkpoints)
                .model(model.resolve()).batchSize(batchSize).checkpointEverySteps(checkpointEvery)
                .maxSteps(maxSteps).validationFraction(validationFraction).earlyStoppingPatience(patience)
                .earlyStoppingMinDelta(minDelta).kafkaProperties(kafka.resolve()).build();
        TrainerService.requireResumable(config.checkpointDir(), config.model());
        BrokerReadiness.await(kafka.bootstrap(), config.kafkaProperties(), BrokerReadiness.SERVICE_START_WAIT);
        PrintWriter out = spec.commandLine().getOut();
        ServiceMetrics metrics = ServiceMetrics.create("trainer");
        TrainerService service = new TrainerService(config, metrics.registry());
        runnerOptions.runner(service, out)
                .status(() -> printStatus(out, service.metrics())).thenClose(metrics).build().run();
        return 0;
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
