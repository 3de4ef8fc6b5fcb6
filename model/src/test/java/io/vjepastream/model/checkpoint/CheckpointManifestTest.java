package io.vjepastream.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointManifestTest {
    @TempDir
    Path dir;

    @Test
    void completeCheckpointVerifies() throws IOException {
        Files.writeString(dir.resolve("a.params"), "weights");
        Files.writeString(dir.resolve("config.properties"), "imageSize=64");
        String digest = CheckpointManifest.write(dir);

        assertEquals(64, digest.length());
        assertEquals(digest, CheckpointManifest.digestOf(dir));
        assertEquals(List.of(), CheckpointManifest.verify(dir, digest));
        assertEquals(List.of(), CheckpointManifest.verify(dir, null));
    }

    @Test
    void alteredFileIsReported() throws IOException {
        Files.writeString(dir.resolve("a.params"), "weights");
        String digest = CheckpointManifest.write(dir);
        Files.writeString(dir.resolve("a.params"), "weightz");

        List<String> problems = CheckpointManifest.verify(dir, digest);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("a.params has sha256"), problems.get(0));
    }

    @Test
    void missingFileAndWrongDigestAreReported() throws IOException {
        Files.writeString(dir.resolve("a.params"), "weights");
        CheckpointManifest.write(dir);
        Files.delete(dir.resolve("a.params"));

        List<String> problems = CheckpointManifest.verify(dir, "00".repeat(32));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("was announced"), problems.get(0));
        assertTrue(problems.get(1).contains("a.params is listed in the manifest but missing"), problems.get(1));
    }

    @Test
    void directoryWithoutManifestIsIncomplete() throws IOException {
        Files.writeString(dir.resolve("a.params"), "weights");
        List<String> problems = CheckpointManifest.verify(dir, null);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("incomplete checkpoint"), problems.get(0));
    }
}
