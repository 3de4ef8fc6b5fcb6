package io.vjepastream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryFieldWithAPlausibleValue() throws Exception {
        Path json = dir.resolve("bench/train.json");
        StringWriter out = new StringWriter();
        // A tiny run: the numbers are not the point here, the fields and their relations are.
        int code = new CommandLine(new TrainBenchCommand()).setOut(new PrintWriter(out)).execute("--out", json.toString(),
                "--steps", "1", "--warmup", "1", "--batch-size", "2", "--matmul-size", "256");
        assertEquals(0, code, out.toString());
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        for (String field : new String[] {"pairs_per_s", "ms_per_step", "matmul_gflops", "mfu", "rss_mb"}) {
            assertTrue(result.get(field).asDouble() > 0, field + " in " + result);
        }
        assertEquals(2 * 1000 / result.get("ms_per_step").asDouble(), result.get("pairs_per_s").asDouble(), 1e-6);
        assertEquals(result.get("achieved_gflops").asDouble() / result.get("matmul_gflops").asDouble(),
                result.get("mfu").asDouble(), 1e-9);
        double before = result.get("matmul_gflops_before").asDouble();
        double after = result.get("matmul_gflops_after").asDouble();
        assertEquals(Math.max(before, after), result.get("matmul_gflops").asDouble(), 1e-9, "the better reading");
        assertTrue(before > 0 && after > 0, result.toString());
        assertTrue(result.get("ms_per_step_mean").asDouble() > 0, result.toString());
        assertTrue(result.get("rss_peak_mb").asDouble() >= result.get("rss_mb").asDouble(), result.toString());
        assertTrue(result.get("rss_mb").asDouble() > 50, "a JVM with PyTorch loaded holds more than 50 MB");
    }

    @Test
    void refusesAZeroStepCount() {
        int code = new CommandLine(new TrainBenchCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--out", dir.resolve("x.json").toString(), "--steps", "0");
        assertEquals(1, code);
    }
}
