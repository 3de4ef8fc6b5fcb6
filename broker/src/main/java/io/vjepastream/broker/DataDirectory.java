package io.vjepastream.broker;

import io.vjepastream.schemas.files.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The directory an {@link EmbeddedKafkaBroker} keeps its logs and metadata in. */
final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    private DataDirectory() {
    }

    /**
     * Creates {@code requested} when missing, or a new temporary directory when it is null.
     *
     * @return the directory, absolute
     * @throws UncheckedIOException naming the directory that cannot be created
     */
    static Path prepare(Path requested) {
        try {
            if (requested == null) {
                return Files.createTempDirectory("vjepa-kafka-");
            }
            return Files.createDirectories(requested).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory "
                    + (requested == null ? "in " + System.getProperty("java.io.tmpdir") : requested)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} with everything in it, logging instead of failing when it cannot. */
    static void deleteQuietly(Path dir) {
        DirectoryTrees.deleteQuietly(dir)
                .ifPresent(e -> LOG.warn("cannot delete the Kafka data directory {}: {}", dir, e.getMessage()));
    }
}
