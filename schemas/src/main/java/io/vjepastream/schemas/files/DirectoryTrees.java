package io.vjepastream.schemas.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Deletes a directory with everything in it. Links are deleted, never followed. It lives in the schemas
 * module because that is the one module every other depends on.
 */
public final class DirectoryTrees {
    private DirectoryTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; does nothing when it is missing. Stops at the first
     * entry that cannot be deleted, leaving the rest.
     *
     * @throws IOException from the walk or the first failed delete, naming the entry
     */
    public static void delete(Path root) throws IOException {
        for (Path entry : deepestFirst(root)) {
            Files.deleteIfExists(entry);
        }
    }

    /**
     * Deletes as much of {@code root} as it can, going on past entries that cannot be deleted; for
     * temporary directories, where a leftover is harmless. A missing {@code root} or null is no failure.
     *
     * @return the first failure, empty when the tree is gone
     */
    public static Optional<IOException> deleteQuietly(Path root) {
        if (root == null) {
            return Optional.empty();
        }
        IOException first = null;
        try {
            for (Path entry : deepestFirst(root)) {
                try {
                    Files.deleteIfExists(entry);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        } catch (IOException e) {
            first = e;
        }
        return Optional.ofNullable(first);
    }

    /** Every entry of the tree, each after everything inside it; empty when {@code root} is missing. */
    private static List<Path> deepestFirst(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the walk's failure below the root, e.g. an unreadable directory
        }
    }
}
