package io.vjepastream.schemas.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesANestedTreeButNotWhatALinkPointsTo() throws IOException {
        Path root = nestedTree();
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "kept");
        tryLink(root.resolve("a/link"), outside);
        DirectoryTrees.delete(root);
        assertFalse(Files.exists(root));
        assertEquals("kept", Files.readString(outside));
    }

    @Test
    void quietlyDeletesANestedTree() throws IOException {
        Path root = nestedTree();
        assertEquals(Optional.empty(), DirectoryTrees.deleteQuietly(root));
        assertFalse(Files.exists(root));
    }

    @Test
    void aMissingTreeIsNothingToDo() throws IOException {
        DirectoryTrees.delete(tmp.resolve("missing"));
        assertEquals(Optional.empty(), DirectoryTrees.deleteQuietly(tmp.resolve("missing")));
        assertEquals(Optional.empty(), DirectoryTrees.deleteQuietly(null));
    }

    @Test
    void aFileIsATreeOfOne() throws IOException {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        DirectoryTrees.delete(file);
        assertFalse(Files.exists(file));
    }

    @Test
    void failureThrowsOrIsReturnedAndQuietGoesOn() throws IOException {
        Path root = nestedTree();
        Path locked = root.resolve("a/b");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permissions are not enforced");
            IOException thrown = assertThrows(IOException.class, () -> DirectoryTrees.delete(root));
            assertTrue(thrown instanceof AccessDeniedException, thrown.toString());
            assertTrue(thrown.getMessage().contains("deep.txt"), thrown.getMessage());
            Optional<IOException> quiet = DirectoryTrees.deleteQuietly(root);
            assertTrue(quiet.isPresent());
            assertFalse(Files.exists(root.resolve("top.txt")), "the rest is deleted");
            assertTrue(Files.exists(locked.resolve("deep.txt")), "the locked entry stays");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        DirectoryTrees.delete(root);
        assertFalse(Files.exists(root));
    }

    private Path nestedTree() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("top.txt"), "1");
        Files.writeString(root.resolve("a/mid.txt"), "2");
        Files.writeString(root.resolve("a/b/deep.txt"), "3");
        return root;
    }

    private static void tryLink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            // no links on this file system: the tree is still deleted
        }
    }
}
