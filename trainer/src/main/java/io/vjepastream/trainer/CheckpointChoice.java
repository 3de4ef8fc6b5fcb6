package io.vjepastream.trainer;

import io.vjepastream.model.checkpoint.CheckpointManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which checkpoint of a directory a reader such as {@code vjepa score} takes: {@code newest} (the newest that
 * passes its manifest), {@code best} (the one training marked best by validation) or a step number. The
 * directory is the user's: nothing in it is moved or changed.
 */
public final class CheckpointChoice {
    /** The choices in words, for help and errors. */
    public static final String CHOICES = "newest, best or a step number";

    private CheckpointChoice() {
    }

    /**
     * The checkpoint {@code which} names in {@code root}.
     *
     * @param skipped where to say which damaged checkpoints {@code newest} passed over
     * @throws IllegalArgumentException when {@code which} is none of {@link #CHOICES}
     * @throws IOException naming what is missing or damaged
     */
    public static Path resolve(Path root, String which, PrintWriter skipped) throws IOException {
        String choice = which.trim().toLowerCase(Locale.ROOT);
        if (choice.equals("newest")) {
            return CheckpointStore.latestVerifiedIn(root, skipped);
        }
        Path checkpoint;
        if (choice.equals("best")) {
            checkpoint = new CheckpointStore(root, Integer.MAX_VALUE).best().orElseThrow(() -> new IOException(
                    "no checkpoint is marked best in " + root + ": training marks one when it validates"
                            + " (vjepa train --validation-fraction)"));
        } else if (choice.matches("\\d{1,10}")) {
            checkpoint = root.resolve(String.format(Locale.ROOT, "step-%010d", Long.parseLong(choice)));
            if (!Files.isDirectory(checkpoint)) {
                List<Path> there = new CheckpointStore(root, Integer.MAX_VALUE).complete();
                throw new IOException("no checkpoint of step " + choice + " in " + root + "; there are "
                        + (there.isEmpty() ? "none" : there.stream().map(p -> String.valueOf(CheckpointStore.stepOf(p)))
                                .toList()));
            }
        } else {
            throw new IllegalArgumentException("--checkpoint must be " + CHOICES + ", got '" + which + "'");
        }
        List<String> problems = CheckpointManifest.verify(checkpoint, null);
        if (!problems.isEmpty()) {
            throw new IOException("checkpoint " + checkpoint + " fails its manifest: " + String.join("; ", problems));
        }
        return checkpoint;
    }
}
