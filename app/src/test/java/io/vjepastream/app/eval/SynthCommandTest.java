package io.vjepastream.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticSettings;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.source.VideoSources;
import io.vjepastream.ingest.time.CaptureClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAVideoAndOneLabelPerFrame() throws Exception {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new SynthCommand()).setOut(new PrintWriter(out)).execute("--out", dir.toString(),
                "--seconds", "4", "--seed", "3", "--anomaly-every", "1.5", "--vanish-seconds", "0.5");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("synthetic:?seconds=4"), out.toString());

        List<String> lines = Files.readAllLines(dir.resolve(SynthCommand.LABELS));
        assertEquals(40, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode teleport = json.readTree(lines.get(15));
        assertEquals(15, teleport.get("frame").asLong());
        assertEquals(1_500_000, teleport.get("pts_micros").asLong());
        assertEquals("teleport", teleport.get("anomaly").asText());
        assertEquals("vanish", json.readTree(lines.get(30)).get("anomaly").asText());
        assertEquals("appear", json.readTree(lines.get(35)).get("anomaly").asText(), "the reappearance");
        assertEquals("none", json.readTree(lines.get(16)).get("anomaly").asText());
        JsonNode objects = json.readTree(lines.get(0)).get("objects");
        assertEquals(3, objects.size());
        int vanished = json.readTree(lines.get(30)).get("anomaly_objects").get(0).asInt();
        assertTrue(!json.readTree(lines.get(32)).get("objects").get(vanished).get("visible").asBoolean());

        SyntheticScene scene = new SyntheticScene(64, 64, SyntheticSettings.parse(
                "synthetic:?seconds=4&seed=3&anomalies=teleport,vanish,colour&anomaly_every=1.5&vanish_seconds=0.5"));
        assertEquals(objects.get(1).get("cx").asDouble(), scene.states(0).get(1).centreX(), 1e-3);
        int frames = 0;
        try (VideoSource video = VideoSources.open(SourceSpec.parse(dir.resolve(SynthCommand.VIDEO).toString()), 64, 64,
                Duration.ofSeconds(10), CaptureClock.system())) {
            for (DecodedFrame f = video.next(); f != null; f = video.next()) {
                double diff = meanAbsDifference(f.rgb(), scene.render(frames / 10.0));
                assertTrue(diff < 8, "frame " + frames + " differs from the scene by " + diff + " on average");
                frames++;
            }
        }
        assertEquals(40, frames);
    }

    @Test
    void refusesAnUnknownAnomaly() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new SynthCommand()).setErr(new PrintWriter(err))
                .execute("--out", dir.toString(), "--anomalies", "explode");
        assertEquals(1, code);
        assertTrue(err.toString().contains("explode"), err.toString());
    }

    private static double meanAbsDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / (double) a.length;
    }
}
