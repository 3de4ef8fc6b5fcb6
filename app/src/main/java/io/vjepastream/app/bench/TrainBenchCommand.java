package io.vjepastream.app.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.eval.SyntheticData;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.schemas.json.Json;
import io.vjepastream.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa bench train}: training speed of the default model at its default batch, beside the
 * fp32 matmul rate of the same process, and the model FLOPs utilisation between them. JSON fields:
 * {@code pairs_per_s}, {@code ms_per_step}, {@code matmul_gflops}, {@code mfu}, {@code rss_mb}, and
 * what they were measured with. A step counts at its median time; the peak is the better of two matmul
 * readings, one before and one after the steps.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training steps of the model (the default unless --model / --model-config say otherwise): pairs/s, ms/step, the fp32 matmul GFLOP/s",
            "of this machine in the same process, MFU (model FLOP/s over that peak) and resident memory.",
            "ms/step is the median step; the peak is the better of two matmul readings taken before and after the steps."})
public final class TrainBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "Where to write the result.")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    private int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainerConfig.DEFAULT_BATCH_SIZE,
            description = "Pairs per step. Default: ${DEFAULT-VALUE} (the trainer's).")
    private int batchSize;

    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}.")
    private int matmulSize;

    @Mixin
    private ModelOptions modelOptions = new ModelOptions();

    /** Creates the command; picocli fills in its options. */
    public TrainBenchCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || warmup < 0 || batchSize < 1 || matmulSize < 16) {
            throw new IllegalArgumentException("need --steps >= 1, --warmup >= 0, --batch-size >= 1, --matmul-size >= 16;"
                    + " got " + steps + ", " + warmup + ", " + batchSize + ", " + matmulSize);
        }
        JepaConfig config = modelOptions.resolve();
        IngestConfig ingest = IngestConfig.defaults();
        // Fresh pairs for every step up to two minutes of clip, then round again: the steps cost the same
        // either way, and the resident memory is then the trainer's, not a long clip's.
        int clipSeconds = Math.min(120, Math.max(10, (steps + warmup) * batchSize / 10 + 2));
        List<PairSample> pairs = new SyntheticData(config, ingest.sampleFps(), ingest.strideFrames())
                .samples("synthetic:?seconds=" + clipSeconds);
        PrintWriter console = spec.commandLine().getOut();
        double[] stepMillis = new double[steps];
        double peakBefore;
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < warmup; i++) {
                trainer.step(batch(pairs, i));
            }
            peakBefore = MatmulPeak.gflops(matmulSize, 3.0);
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                trainer.step(batch(pairs, warmup + i));
                stepMillis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double peakAfter = MatmulPeak.gflops(matmulSize, 3.0);
        // On a shared or virtual machine both rates wander by 10% or more from minute to minute. The peak is
        // the better of two readings taken around the steps, and a step takes its median time, so that one
        // slow moment on either side does not decide the utilisation.
        double matmul = Math.max(peakBefore, peakAfter);
        double msPerStep = median(stepMillis);
        double stepFlops = ModelFlops.trainingStep(config, batchSize);
        double achieved = stepFlops / (msPerStep / 1000) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pairs_per_s", batchSize * 1000.0 / msPerStep);
        result.put("ms_per_step", msPerStep);
        result.put("matmul_gflops", matmul);
        result.put("matmul_gflops_before", peakBefore);
        result.put("matmul_gflops_after", peakAfter);
        result.put("ms_per_step_mean", Arrays.stream(stepMillis).average().orElseThrow());
        result.put("mfu", achieved / matmul);
        result.put("rss_mb", ResidentMemory.megabytes());
        result.put("rss_peak_mb", ResidentMemory.peakMegabytes());
        result.put("model_gflop_per_step", stepFlops / 1e9);
        result.put("achieved_gflops", achieved);
        result.put("batch_size", batchSize);
        result.put("steps", steps);
        result.put("matmul_size", matmulSize);
        result.put("processors", Runtime.getRuntime().availableProcessors());
        result.put("model", config.toProperties());
        Path file = out.toAbsolutePath();
        Files.createDirectories(file.getParent());
        ObjectWriter json = Json.indentedWriter();
        json.writeValue(file.toFile(), result);
        console.println(json.writeValueAsString(result));
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The {@code index}th batch, cycling through the pairs. */
    private List<PairSample> batch(List<PairSample> pairs, int index) {
        List<PairSample> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(pairs.get((index * batchSize + i) % pairs.size()));
        }
        return batch;
    }
}
