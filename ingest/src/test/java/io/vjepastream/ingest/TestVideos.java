package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared sample videos; tests that need one are skipped where the folder is absent. */
public final class TestVideos {
    private TestVideos() {
    }

    /** The sample video with this file name, or a skipped test when it is not on this machine. */
    public static Path video(String name) {
        String configured = System.getProperty("vjepa.videos.dir");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..", "shared", "videos");
        Path file = dir.resolve(name).toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            // Run from the module folder the repository root is one level further up.
            file = Path.of("..", "..", "shared", "videos", name).toAbsolutePath().normalize();
        }
        assumeTrue(Files.isReadable(file), "sample video " + name + " not found; set -Dvjepa.videos.dir");
        return file;
    }
}
