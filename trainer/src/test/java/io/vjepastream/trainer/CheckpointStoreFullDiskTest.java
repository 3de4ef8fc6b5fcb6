package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while a checkpoint is written: the write fails with the system's own "No space left
 * on device", leaves no partial directory and no damaged checkpoint behind, and the next write succeeds.
 * The full disk is real: a file of the checkpoint is a link to {@code /dev/full}, which refuses every
 * write with ENOSPC, also for root.
 */
class CheckpointStoreFullDiskTest {
    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path root;

    @Test
    void aFullDiskFailsOneCheckpointCleanlyAndTheNextOneIsWritten() throws IOException {
        assumeTrue(Files.isWritable(FULL), "/dev/full is needed for a real ENOSPC");
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        store.write(2, Map.of("vjepa.frame-pairs-0", 10L), dir -> Files.writeString(dir.resolve("weights.params"), "w2"));

        IOException full = assertThrows(IOException.class, () -> store.write(4, Map.of("vjepa.frame-pairs-0", 20L),
                dir -> {
                    Path weights = Files.createSymbolicLink(dir.resolve("weights.params"), FULL);
                    Files.write(weights, new byte[64 * 1024]);
                }));
        assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
        try (Stream<Path> entries = Files.list(root)) {
            assertEquals(List.of("step-0000000002"), entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the partial checkpoint was removed and nothing half written is visible");
        }
        assertEquals(Optional.of(root.resolve("step-0000000002")), store.latestVerified());

        store.write(4, Map.of("vjepa.frame-pairs-0", 20L), dir -> Files.writeString(dir.resolve("weights.params"), "w4"));
        assertEquals(Optional.of(root.resolve("step-0000000004")), store.latestVerified(),
                "with space again, the same step is written");
    }
}
