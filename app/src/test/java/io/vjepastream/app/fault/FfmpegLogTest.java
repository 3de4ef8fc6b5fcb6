package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.FfmpegDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg writes its own lines straight to the process's stderr, past Java's streams, so only a child
 * process shows them: in a normal run the user reads vjepa's one line, which already carries FFmpeg's
 * reason; {@value FfmpegDecoding#LOG_ENV} brings FFmpeg's lines back for troubleshooting.
 */
class FfmpegLogTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotVideoIsOneLineWithoutFfmpegsOwn() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.mp4"), "these are not frames");
        List<String> ingest = List.of("ingest", "--bootstrap", "127.0.0.1:9", "--http-port", "-1", "--source",
                notes.toString());

        String quiet = stderrOf("quiet", ingest, Map.of());
        assertTrue(quiet.contains("cannot open as video") && quiet.contains("Invalid data found when processing input"),
                quiet);
        assertFalse(quiet.contains("moov atom not found"), "no FFmpeg line by default: " + quiet);

        String chatty = stderrOf("chatty", ingest, Map.of(FfmpegDecoding.LOG_ENV, "error"));
        assertTrue(chatty.contains("moov atom not found"), "FFmpeg's own line on request: " + chatty);
    }

    private String stderrOf(String name, List<String> args, Map<String, String> environment) throws Exception {
        try (ChildVjepa child = ChildVjepa.start(dir, name, args, environment)) {
            assertEquals(1, child.awaitExit(Duration.ofMinutes(1)).orElseThrow(), child.err());
            return child.err();
        }
    }
}
