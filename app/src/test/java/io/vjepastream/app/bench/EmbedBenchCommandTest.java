package io.vjepastream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.app.cli.DurationConverter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vjepa bench embed} on a short run: it measures through the broker and writes every field. */
class EmbedBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aShortRunWritesLatencyAndThroughput() throws Exception {
        Path out = dir.resolve("embed.json");
        StringWriter printed = new StringWriter();
        int code = new CommandLine(new EmbedBenchCommand())
                .registerConverter(Duration.class, DurationConverter::parse)
                .setOut(new PrintWriter(printed))
                .execute("--out", out.toString(), "--streams", "2", "--rate", "5", "--warmup", "1s", "--duration", "1s",
                        "--backlog", "16", "--drain", "2m", "--model", "latent_dim=96", "--model", "depth=2",
                        "--embedder", "batchMaxPairs=8");
        assertEquals(0, code, printed.toString());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, json.get("streams").asInt());
        assertEquals(5.0, json.get("rate_per_stream").asDouble());
        assertEquals(0, json.get("unanswered").asInt(), json.toString());
        assertEquals(10, json.get("latency_pairs").asInt(), "1 s of 2 streams at 5 pairs/s, the warm-up's not counted");
        assertEquals(1.0, json.get("warmup_s").asDouble());
        assertEquals("target", json.get("context_encoder").asText());
        assertEquals("standardised", json.get("energy_measure").asText());
        double p50 = json.get("p50_ms").asDouble();
        double p99 = json.get("p99_ms").asDouble();
        assertTrue(p50 > 0 && p99 >= p50, json.toString());
        assertTrue(json.get("pairs_per_s").asDouble() > 0, json.toString());
        assertTrue(printed.toString().contains("\"p99_ms\""), printed.toString());
        assertTrue(json.get("model").asText().contains("96 wide x 2 deep"), "the model options apply: " + json);
        assertEquals(8, json.get("batch_max_pairs").asInt(), "the embedder settings apply");
    }
}
