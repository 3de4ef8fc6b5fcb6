package io.vjepastream.trainer;

import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint that is complete on disk.
 *
 * @param step training steps behind it
 * @param directory where it lies
 * @param sha256 digest of its manifest
 * @param offsets the next offsets to consume, keyed {@code topic-partition}
 */
public record WrittenCheckpoint(long step, Path directory, String sha256, Map<String, Long> offsets) {
    public WrittenCheckpoint {
        offsets = Map.copyOf(offsets);
    }
}
