package io.vjepastream.pipeline.bench;

import io.vjepastream.eval.SyntheticData;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.trainer.loop.CycledPairs;
import io.vjepastream.trainer.loop.StepTimes;
import io.vjepastream.trainer.loop.StopCondition;
import io.vjepastream.trainer.loop.TrainingLoop;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training speed of a model at a batch size, beside the fp32 matmul rate of the same process, and the model
 * FLOPs utilisation between them. JSON fields: {@code pairs_per_s}, {@code ms_per_step}, {@code matmul_gflops},
 * {@code mfu}, {@code rss_mb}, and what they were measured with. A step counts at its median time; the peak is
 * the better of two matmul readings, one before and one after the steps.
 */
public final class TrainBench {
    private final JepaConfig config;
    private final int steps;
    private final int warmup;
    private final int batchSize;
    private final int matmulSize;

    /**
     * What to measure.
     *
     * @throws IllegalArgumentException naming the options unless steps >= 1, warmup >= 0, batch size >= 1
     *                                  and matmul size >= 16
     */
    public TrainBench(JepaConfig config, int steps, int warmup, int batchSize, int matmulSize) {
        if (steps < 1 || warmup < 0 || batchSize < 1 || matmulSize < 16) {
            throw new IllegalArgumentException("need --steps >= 1, --warmup >= 0, --batch-size >= 1, --matmul-size >= 16;"
                    + " got " + steps + ", " + warmup + ", " + batchSize + ", " + matmulSize);
        }
        this.config = config;
        this.steps = steps;
        this.warmup = warmup;
        this.batchSize = batchSize;
        this.matmulSize = matmulSize;
    }

    /**
     * Runs the steps and the matmul readings around them.
     *
     * @return the JSON fields
     */
    public Map<String, Object> run() throws Exception {
        IngestConfig ingest = IngestConfig.defaults();
        // Fresh pairs for every step up to two minutes of clip, then round again: the steps cost the same
        // either way, and the resident memory is then the trainer's, not a long clip's.
        int clipSeconds = Math.min(120, Math.max(10, (steps + warmup) * batchSize / 10 + 2));
        List<PairSample> pairs = new SyntheticData(config, ingest.sampleFps(), ingest.strideFrames())
                .samples("synthetic:?seconds=" + clipSeconds);
        StepTimes times = new StepTimes(steps);
        double peakBefore;
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            CycledPairs batches = new CycledPairs(pairs, batchSize);
            new TrainingLoop(trainer).stopWhen(StopCondition.afterSteps(warmup)).run(batches);
            peakBefore = MatmulPeak.gflops(matmulSize, 3.0);
            new TrainingLoop(trainer).stopWhen(StopCondition.afterSteps(steps)).listen(times).run(batches);
        }
        double[] stepMillis = times.millis();
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
        return result;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
