package io.vjepastream.model.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The checksum manifest of a checkpoint directory: one line {@code <sha256>  <file>} per file, sorted by
 * name, in a file called {@value #FILE_NAME}. The digest of the manifest itself identifies the whole
 * checkpoint; it is what a {@code CheckpointEvent} carries, so a reader can tell a complete, untouched
 * checkpoint from a partial or altered one before loading any weights.
 */
public final class CheckpointManifest {
    /** The manifest's file name inside a checkpoint directory. */
    public static final String FILE_NAME = "MANIFEST.sha256";

    private CheckpointManifest() {
    }

    /**
     * Hashes every regular file in the directory (not the manifest), writes the manifest, and returns
     * its digest.
     */
    public static String write(Path directory) throws IOException {
        TreeMap<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !name.equals(FILE_NAME)) {
                    digests.put(name, sha256(file));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        digests.forEach((name, digest) -> text.append(digest).append("  ").append(name).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(FILE_NAME), bytes);
        return hex(digest().digest(bytes));
    }

    /** The digest of an existing manifest, without checking the files. */
    public static String digestOf(Path directory) throws IOException {
        return hex(digest().digest(Files.readAllBytes(directory.resolve(FILE_NAME))));
    }

    /**
     * Checks that the manifest exists, has the expected digest (when one is given), and that every file
     * it names exists with the recorded content.
     *
     * @param expectedDigest the digest announced for the checkpoint, or null to check the files only
     * @return the problems found; empty when the checkpoint is complete and unchanged
     */
    public static List<String> verify(Path directory, String expectedDigest) throws IOException {
        List<String> problems = new ArrayList<>();
        Path manifest = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            problems.add("no " + FILE_NAME + " in " + directory + " (incomplete checkpoint)");
            return problems;
        }
        if (expectedDigest != null && !expectedDigest.equalsIgnoreCase(digestOf(directory))) {
            problems.add(FILE_NAME + " in " + directory + " has digest " + digestOf(directory)
                    + " but " + expectedDigest + " was announced");
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int split = line.indexOf("  ");
            if (split <= 0) {
                problems.add("malformed manifest line: " + line);
                continue;
            }
            String recorded = line.substring(0, split);
            String name = line.substring(split + 2);
            try {
                String actual = sha256(directory.resolve(name));
                if (!actual.equals(recorded)) {
                    problems.add(name + " has sha256 " + actual + " but the manifest records " + recorded);
                }
            } catch (NoSuchFileException e) {
                problems.add(name + " is listed in the manifest but missing");
            }
        }
        return problems;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
