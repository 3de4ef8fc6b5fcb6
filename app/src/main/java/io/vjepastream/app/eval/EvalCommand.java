package io.vjepastream.app.eval;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.eval.EvalPairsCsv;
import io.vjepastream.eval.EvalResult;
import io.vjepastream.eval.Evaluation;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.schemas.json.Json;
import io.vjepastream.trainer.CheckpointStore;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa eval}: trains a model from scratch on clean synthetic clips and measures it on a
 * held-out clip with planted anomalies; writes DIR/eval.json, DIR/eval.png and the trained model as
 * a checkpoint under DIR/checkpoints.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Train on synthetic scenes and measure the model against their ground truth.",
            "Anomaly AUROC per kind (trained, untrained persistence forecast, pixel difference),"
                + " motion neutrality, held-out forecast loss, position-probe R^2 and collapse statistics.",
            "Writes DIR/eval.json, DIR/eval.png, DIR/eval.csv (every test pair's label and energies)"
                + " and DIR/checkpoints/step-N (scorable with 'vjepa score').",
            "Training clips vary object count, size and speed and draw hues from --train-hues; the"
                + " test clip's objects take hues from --test-hues, so by default it shows objects"
                + " training never showed.",
            "",
            "Examples:",
            "  vjepa eval --out eval --time-budget 5m",
            "  vjepa eval --out eval-transport --model predictor_type=transport --model"
                + " target_encoder_mode=default",
            "  vjepa eval --out again --checkpoints eval/checkpoints     # measure a trained model, no training"})
public final class EvalCommand implements Callable<Integer>, SettingOptions.Declared {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "eval", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Measure the newest verified checkpoint in DIR instead of training a model.")
    private Path checkpoints;

    @Option(names = "--time-budget", paramLabel = "D", defaultValue = "7m", converter = DurationConverter.class,
            description = "Training time limit. Default: ${DEFAULT-VALUE}.")
    private Duration timeBudget;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the first training clip and of the batch order; the test clip uses seed + 1000. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--train-clips", paramLabel = "N", defaultValue = "6", description = "Clean training clips. Default: ${DEFAULT-VALUE}.")
    private int trainClips;

    @Option(names = "--train-seconds", paramLabel = "S", defaultValue = "60", description = "Length of each. Default: ${DEFAULT-VALUE}.")
    private double trainSeconds;

    @Option(names = "--test-seconds", paramLabel = "S", defaultValue = "150", description = "Length of the test clip. Default: ${DEFAULT-VALUE}.")
    private double testSeconds;

    @Option(names = "--probe-seconds", paramLabel = "S", defaultValue = "160",
            description = {"Length of the clean clip for the position probe. The probe fits one weight per token"
                + " value (8192 for the default model): with 40 s (277 fitted pairs) even random features scored"
                + " R^2 0.16, with 160 s (1117 pairs) 0.92. Default: ${DEFAULT-VALUE}."})
    private double probeSeconds;

    @Option(names = "--objects", paramLabel = "N", defaultValue = "3",
            description = "Objects in the test clip; training clips hold N-1, N and N+1 in turn. Default: ${DEFAULT-VALUE}.")
    private int objects;

    @Option(names = "--train-hues", paramLabel = "LOW-HIGH", defaultValue = "0-0.5",
            description = "Hue band of the training clips' objects. Default: ${DEFAULT-VALUE}.")
    private String trainHues;

    @Option(names = "--test-hues", paramLabel = "LOW-HIGH", defaultValue = "0.5-1",
            description = "Hue band of the test clip's objects. Default: ${DEFAULT-VALUE}.")
    private String testHues;

    @Option(names = "--anomalies", paramLabel = "KINDS", defaultValue = "teleport,vanish,colour,stall,reverse",
            description = {"Anomalies planted in the test clip, in turn; a vanish is scored as"
                               + " 'vanish' and its end"
                + " as 'appear'. Default: ${DEFAULT-VALUE}."})
    private String anomalies;

    @Option(names = "--anomaly-every", paramLabel = "S", defaultValue = "2.5", description = "Default: ${DEFAULT-VALUE}.")
    private double anomalyEvery;

    @Mixin
    private ModelOptions modelOptions = new ModelOptions();

    /** Creates the command; picocli fills in its options. */
    public EvalCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (trainClips < 1) {
            throw new IllegalArgumentException("--train-clips = " + trainClips + "; allowed: >= 1");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path measured = checkpoints == null ? null : CheckpointStore.latestVerifiedIn(checkpoints, console);
        // Only the config file: Evaluation.measure loads the weights, once.
        JepaConfig model = measured == null ? modelOptions.resolve() : JepaTrainer.savedConfig(measured);
        IngestConfig ingest = IngestConfig.defaults();
        List<String> train = new ArrayList<>();
        for (int i = 0; i < trainClips; i++) {
            // What the model must generalise over varies from clip to clip: count, size, speed.
            train.add(String.format(Locale.ROOT,
                    "train%d=synthetic:?seconds=%s&objects=%d&seed=%d&hues=%s&scale=%s&speed=%s", i, trainSeconds,
                    Math.max(1, objects - 1 + i % 3), seed + i, trainHues, 0.8 + 0.2 * ((i + 1) % 3),
                    0.7 + 0.3 * (i / 3 % 3)));
        }
        String test = String.format(Locale.ROOT,
                "test=synthetic:?seconds=%s&objects=%d&seed=%d&anomalies=%s&anomaly_every=%s&vanish_seconds=%s&hues=%s",
                testSeconds, objects, seed + 1000, anomalies, anomalyEvery, Math.min(1.0, anomalyEvery / 3), testHues);
        String probe = String.format(Locale.ROOT, "probe=synthetic:?seconds=%s&objects=%d&seed=%d", probeSeconds, objects,
                seed + 2000);
        Evaluation.Settings settings = new Evaluation.Settings(model,
                SettingOptions.value(spec, TrainerConfig.BATCH_SIZE), SettingOptions.value(spec, TrainerConfig.MAX_STEPS), timeBudget, train, test, probe,
                ingest.sampleFps(), ingest.strideFrames(), seed);
        Files.createDirectories(out);
        Evaluation evaluation = new Evaluation(settings);
        EvalResult result = measured == null ? evaluation.run(out.resolve("checkpoints"), console)
                : evaluation.measure(measured, console);
        Path json = out.resolve("eval.json");
        Path png = out.resolve("eval.png");
        result.writeJson(json);
        result.writePlot(png);
        EvalPairsCsv.write(result, out.resolve("eval.csv"));
        console.println(Json.indentedWriter().writeValueAsString(result.report()));
        console.println("wrote " + json + ", " + png + " and " + out.resolve("eval.csv"));
        return 0;
    }

    /** The trainer's settings this command takes. */
    @Override
    public List<Setting<?>> settings() {
        return List.of(TrainerConfig.BATCH_SIZE, TrainerConfig.MAX_STEPS);
    }
}
