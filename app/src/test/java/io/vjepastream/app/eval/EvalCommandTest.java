package io.vjepastream.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.trainer.CheckpointStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheReportThePlotAndAScorableCheckpoint() throws Exception {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new EvalCommand()).setOut(new PrintWriter(out)).execute("--out", dir.toString(),
                "--max-steps", "3", "--train-clips", "1", "--train-seconds", "5", "--test-seconds", "12",
                "--probe-seconds", "10", "--anomaly-every", "2", "--model", "latent_dim=32", "--model", "depth=1",
                "--model", "heads=2", "--model", "pred_width=16", "--model", "pred_depth=1", "--model", "pred_heads=2",
                "--model", "mlp_ratio=2");
        assertEquals(0, code, out.toString());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("eval.json").toFile());
        assertEquals(3, report.get("training").get("steps").asLong());
        assertEquals("2", report.get("model").get("mlpRatio").asText(), "--model reaches the model");
        assertEquals(116, report.get("test").get("pairs").asInt());
        for (String energy : new String[] {"trained", "untrained", "pixel_difference"}) {
            for (String kind : new String[] {"overall", "teleport", "vanish", "colour"}) {
                double auroc = report.get("auroc").get(energy).get(kind).asDouble(-1);
                assertTrue(auroc >= 0 && auroc <= 1, energy + " " + kind + " AUROC " + auroc);
            }
        }
        assertTrue(report.get("position_probe").get("trained").has("r2"));
        assertEquals(32, report.get("collapse").get("trained").get("dimensions").asInt());
        assertTrue(Files.size(dir.resolve("eval.png")) > 1000);
        assertTrue(Files.isDirectory(dir.resolve("checkpoints/step-0000000003")));

        StringWriter err = new StringWriter();
        int again = new CommandLine(new EvalCommand()).setErr(new PrintWriter(err)).execute("--out", dir.toString());
        assertEquals(1, again, "a second run into the same directory is refused");
        assertTrue(err.toString().contains("already holds checkpoints"), err.toString());
    }

    @Test
    void measuresTheNewestVerifiedCheckpointLeavingADamagedOneInPlace() throws Exception {
        JepaConfig small = JepaConfig.builder().encoderWidth(32).encoderDepth(1).encoderHeads(2)
                .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();
        Path checkpoints = dir.resolve("trained");
        CheckpointStore store = new CheckpointStore(checkpoints, 3);
        store.open();
        try (JepaTrainer trainer = new JepaTrainer(small)) {
            store.write(1, Map.of(), trainer::save);
            store.write(2, Map.of(), trainer::save);
        }
        Path damaged = checkpoints.resolve("step-0000000002");
        Files.writeString(damaged.resolve("config.properties"), "tampered");

        StringWriter out = new StringWriter();
        int code = new CommandLine(new EvalCommand()).setOut(new PrintWriter(out)).execute("--out",
                dir.resolve("again").toString(), "--checkpoints", checkpoints.toString(), "--test-seconds", "12",
                "--probe-seconds", "10", "--anomaly-every", "2");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("skipping damaged checkpoint step-0000000002"), out.toString());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("again/eval.json").toFile());
        assertEquals(store.root().resolve("step-0000000001").toString(), report.get("checkpoint").asText());
        small.toProperties().forEach((key, value) ->
                assertEquals(value, report.get("model").get(key).asText(), "the checkpoint's config, " + key));
        assertTrue(Files.isDirectory(damaged), "a reader leaves the user's directory as it was");
    }

    @Test
    void refusesNoTrainingClips() {
        int code = new CommandLine(new EvalCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--out", dir.toString(), "--train-clips", "0");
        assertEquals(1, code);
    }
}
