package io.vjepastream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.pipeline.bench.IngestBench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestBenchCommandTest {
    private static Path video(String name) {
        String configured = System.getProperty("vjepa.videos.dir");
        for (Path dir : List.of(configured == null || configured.isBlank() ? Path.of("..", "shared", "videos")
                : Path.of(configured), Path.of("..", "..", "shared", "videos"))) {
            if (Files.isReadable(dir.resolve(name))) {
                return dir.resolve(name).toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "sample video " + name + " not found; set -Dvjepa.videos.dir");
        return null;
    }

    @Test
    void writesEveryFieldFromOneShortRun(@TempDir Path dir) throws Exception {
        // The 2-second clip and two short live streams keep this a check of the command, not a measurement.
        Path clip = video("asl-walk.mkv");
        Path out = dir.resolve("bench/ingest.json");
        StringWriter printed = new StringWriter();
        CommandLine cli = new CommandLine(new IngestBenchCommand());
        cli.setOut(new PrintWriter(printed));
        int code = cli.execute("--out", out.toString(), "--video", clip.toString(), "--repeats", "1", "--warmup", "0",
                "--min-seconds", "0.5", "--live-streams", "2", "--live-duration", "2s", "--live-source",
                "synthetic:?seconds=0&fps=30");
        assertEquals(0, code, printed.toString());

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        long frames = json.get("frames").asLong();
        assertTrue(frames > 10, "frames " + frames);
        for (String field : List.of("ingest_fps", "grabber_fps", "cpu_cores_used", "live_cpu_cores_used",
                "process_cpu_cores_used", "ingest_cpu_ms_per_frame", "grabber_cpu_ms_per_frame", "ingest_seconds")) {
            assertTrue(json.get(field).isNumber() && json.get(field).asDouble() > 0, field + " = " + json.get(field));
        }
        // The broker runs in the process: ingest's own share is the process's less the broker's.
        double broker = json.get("broker_cpu_cores_used").asDouble();
        assertTrue(broker >= 0, "broker " + broker);
        // Each of the three is rounded to hundredths.
        assertEquals(json.get("process_cpu_cores_used").asDouble(), json.get("cpu_cores_used").asDouble() + broker,
                0.02);
        // Half a second's worth of a short clip is several plays of it, in every measurement alike.
        int passes = json.get("passes").asInt();
        assertTrue(passes >= 1, "passes " + passes);
        assertEquals(0, frames % passes, "each run decodes the clip " + passes + " times over: " + frames);
        assertTrue(json.get("decoding").asText().contains("decoder threads auto"), json.get("decoding").asText());
        // Linux tells the JIT compiler's threads apart; its time is part of ingest's.
        double jit = json.get("jit_cpu_cores_used").asDouble();
        assertTrue(jit >= 0 && jit <= json.get("cpu_cores_used").asDouble() + 0.01, "jit " + jit);
        double steady = json.get("ingest_steady_cpu_ms_per_frame").asDouble();
        assertTrue(steady <= json.get("ingest_cpu_ms_per_frame").asDouble(), json.toString());
        assertTrue(json.has("ffmpeg_cli_fps"), "present, null where ffmpeg is not installed");
        assertEquals(IngestBench.ffmpegCommand().isEmpty(), json.get("ffmpeg_cli_fps").isNull());
        assertEquals(2, json.get("live_streams").asInt());
        assertEquals(30.0, json.get("live_fps_per_stream").asDouble());
        // Two seconds at 30 fps: frames 0..59, of which the first 4 of each stream make no pair.
        assertEquals(2 * (60 - 4), json.get("live_expected_pairs").asLong());
        long delivered = json.get("live_delivered_pairs").asLong();
        assertTrue(delivered > 0 && delivered <= json.get("live_expected_pairs").asLong(), "delivered " + delivered);
        assertEquals(json.get("live_expected_pairs").asLong() - delivered, json.get("live_missing_pairs").asLong());
        assertEquals(0, json.get("live_pairs_failed").asLong());
        assertTrue(printed.toString().contains("\"ingest_fps\""), "the JSON is printed too");
        assertEquals(0, json.get("warmup_rounds").asInt());
    }

    @Test
    void refusesAMissingVideoAndBadNumbers(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IngestBenchCommand());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--out", dir.resolve("x.json").toString(), "--video", dir.resolve("none.mp4").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("none.mp4 does not exist"), err.toString());
        code = cli.execute("--out", dir.resolve("x.json").toString(), "--repeats", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--repeats must be >= 1"), err.toString());
    }
}
