package io.vjepastream.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.PlantedAnomaly;
import io.vjepastream.model.JepaConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortened learning run: a small model trained from scratch on clean synthetic clips, then
 * measured on a held-out clip with planted anomalies. It checks that the loss falls by a clear
 * margin, that the trained model's prediction error (as the training distance measures it) tells the
 * planted anomalies from normal motion better than the same model's untrained error does, that the
 * ground truth is right (the pixel difference, which needs no learning, finds the teleports and
 * colour changes), and that every measure of the report is computed.
 */
class EvaluationLearningTest {
    @TempDir
    Path dir;

    @Test
    void aSmallModelLearnsAndIsMeasuredAgainstTheGroundTruth() throws Exception {
        JepaConfig small = JepaConfig.builder().imageSize(32).patchSize(8).encoderWidth(64).encoderDepth(2)
                .encoderHeads(2).predictorWidth(32).predictorDepth(2).predictorHeads(2).seed(7).build();
        Evaluation.Settings settings = new Evaluation.Settings(small, 16, 300, Duration.ofSeconds(60),
                List.of("a=synthetic:?seconds=30&objects=3&seed=1", "b=synthetic:?seconds=30&objects=3&seed=2"),
                "test=synthetic:?seconds=40&objects=3&seed=1001&anomalies=teleport,vanish,colour&anomaly_every=2.5"
                        + "&vanish_seconds=0.8",
                "probe=synthetic:?seconds=30&objects=3&seed=2001",
                10, 2, 1);
        StringWriter log = new StringWriter();
        EvalResult result = new Evaluation(settings).run(dir.resolve("checkpoints"), new PrintWriter(log));
        TrainingRun run = result.training();
        Map<String, Double> pixels = result.auroc(result.pixelDifference());
        // measured with the distance the model is trained to shrink: under the standardised serving energy a
        // seeded, untrained encoder is itself a strong change detector (see EnergyMeasure), which says
        // nothing about whether training taught the predictor anything
        Map<String, Double> trained = result.auroc(result.trainingDistances().trained());
        Map<String, Double> untrained = result.auroc(result.trainingDistances().untrained());
        String summary = "loss " + run.firstLoss() + " -> " + run.lastLoss() + " in " + run.steps() + " steps; AUROC trained "
                + trained + ", untrained " + untrained + "; report " + result.report() + "\n" + log;

        assertTrue(run.steps() >= 40, "too few steps to judge: " + summary);
        assertTrue(run.lastLoss() < 0.5 * run.firstLoss(), "the loss did not fall clearly: " + summary);
        assertTrue(trained.get("overall") > untrained.get("overall"),
                "training did not make the prediction error a better anomaly detector: " + summary);
        assertTrue(pixels.get("teleport") > 0.8 && pixels.get("colour") > 0.8,
                "the labels do not match visible breaks: " + summary);

        assertEquals(396, result.test().size(), "40 s at 10 fps less the 4 frames of the first window");
        long teleports = result.test().stream().filter(p -> p.anomaly() == PlantedAnomaly.TELEPORT).count();
        assertEquals(2 * 5, teleports, "two pairs show each of the 5 teleports (at 2.5, 10, 17.5, 25, 32.5 s) in their target frame");
        Map<String, Object> report = result.report();
        Map<?, ?> aurocs = (Map<?, ?>) report.get("auroc");
        for (String key : List.of("trained_persistence", "untrained_persistence")) {
            Map<?, ?> auroc = (Map<?, ?>) aurocs.get(key);
            assertTrue(auroc != null && auroc.get("overall") instanceof Double d && d > 0.5,
                    "the persistence forecast moves with the scene, so it finds some breaks: " + key + " " + auroc);
        }
        Map<?, ?> forecast = (Map<?, ?>) report.get("forecast_loss");
        double trainedLoss = (Double) forecast.get("trained");
        double untrainedLoss = (Double) forecast.get("untrained");
        assertTrue(trainedLoss < untrainedLoss, "held-out loss " + forecast);
        assertTrue((Double) forecast.get("persistence") > 0, "a moving scene costs the no-change forecast something: " + forecast);
        for (String key : List.of("training", "test", "auroc", "forecast_loss", "position_probe", "collapse", "checkpoint")) {
            assertTrue(report.containsKey(key), key + " missing from " + report);
        }
        result.writeJson(dir.resolve("eval.json"));
        result.writePlot(dir.resolve("eval.png"));
        assertTrue(Files.size(dir.resolve("eval.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("eval.json")).contains("\"effective_rank\""));
        assertTrue(Files.isDirectory(result.checkpoint()), "the trained model is kept as a checkpoint");
    }
}
