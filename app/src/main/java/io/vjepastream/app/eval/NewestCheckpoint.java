package io.vjepastream.app.eval;

import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.trainer.CheckpointStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the newest complete checkpoint in a directory whose files match its manifest. */
public final class NewestCheckpoint {
    private NewestCheckpoint() {
    }

    /**
     * @param root a checkpoint directory as the trainer writes it ({@code step-NNNNNNNNNN/} entries)
     * @param warnings where to say which damaged checkpoints were skipped
     * @return the newest verified checkpoint
     * @throws IOException when there is no such directory or no checkpoint in it passes its manifest
     */
    public static Path find(Path root, PrintWriter warnings) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("no checkpoint directory " + root);
        }
        List<Path> complete = new CheckpointStore(root, Integer.MAX_VALUE).complete();
        for (int i = complete.size() - 1; i >= 0; i--) {
            Path candidate = complete.get(i);
            List<String> problems = CheckpointManifest.verify(candidate, null);
            if (problems.isEmpty()) {
                return candidate;
            }
            warnings.println("skipping damaged checkpoint " + candidate.getFileName() + ": " + String.join("; ", problems));
        }
        throw new IOException("no complete checkpoint in " + root + (complete.isEmpty()
                ? " (expected step-NNNNNNNNNN directories with " + CheckpointManifest.FILE_NAME + ")"
                : " passes its manifest"));
    }
}
