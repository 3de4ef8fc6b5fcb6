package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.trainer.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code vjepa score} over a directory whose newest checkpoint lost its manifest: it says which and why. */
class ManifestlessCheckpointTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aNewestCheckpointWithoutItsManifestIsSkippedSayingSo() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        CheckpointStore store = new CheckpointStore(checkpoints, 3);
        store.open();
        try (JepaTrainer trainer = new JepaTrainer(FaultModels.TINY)) {
            store.write(1, Map.of(), trainer::save);
            store.write(2, Map.of(), trainer::save);
        }
        Path newest = checkpoints.resolve("step-0000000002");
        Files.delete(newest.resolve(CheckpointManifest.FILE_NAME));
        List<String> args = new ArrayList<>(List.of("score", "--checkpoints", checkpoints.toString(), "--source",
                "synthetic:?seconds=1", "--out", dir.resolve("energy.csv").toString()));
        try (ChildVjepa score = ChildVjepa.start(dir, "score", args)) {
            assertEquals(Optional.of(0), score.awaitExit(Duration.ofSeconds(90)), score.out() + score.err());
            assertTrue(score.err().contains("skipping checkpoint " + newest + ": it has no " + CheckpointManifest.FILE_NAME),
                    score.err());
        }
    }
}
