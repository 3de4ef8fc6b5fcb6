package io.vjepastream.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void refusesNoTrainingClips() {
        int code = new CommandLine(new EvalCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--out", dir.toString(), "--train-clips", "0");
        assertEquals(1, code);
    }
}
