package io.vjepastream.trainer;

import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.schemas.files.DirectoryTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint directory of one model line. A checkpoint is written into a hidden partial directory,
 * given a checksum manifest, and only then renamed to {@code step-NNNNNNNNNN}; a crash at any point
 * leaves either the previous complete checkpoints or a partial directory that is never loaded and is
 * removed at the next start. The newest {@code keep} complete checkpoints stay on disk.
 */
public final class CheckpointStore {
    /** File inside each checkpoint with the consumed offsets. */
    public static final String OFFSETS_FILE = "offsets.properties";
    /** File in the checkpoint root naming the best checkpoint by validation loss. */
    public static final String BEST_FILE = "BEST";

    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern COMPLETE = Pattern.compile("step-(\\d{10})");
    private static final String PARTIAL_PREFIX = ".partial-";
    private static final String DAMAGED_PREFIX = "damaged-";

    private final Path root;
    private final int keep;
    private final Clock clock;
    private final Set<Path> warnedWithoutManifest = ConcurrentHashMap.newKeySet();

    /** Writes the model's own files into an empty directory. */
    @FunctionalInterface
    public interface ModelWriter {
        void writeTo(Path directory) throws IOException;
    }

    /** A store under {@code root} keeping the newest {@code keep} checkpoints, stamped by the system clock. */
    public CheckpointStore(Path root, int keep) {
        this(root, keep, Clock.systemUTC());
    }

    /** A store whose checkpoints are stamped by {@code clock} unless a time is given. */
    public CheckpointStore(Path root, int keep, Clock clock) {
        if (keep <= 0) {
            throw new IllegalArgumentException("keep=" + keep + " must be positive");
        }
        this.root = root.toAbsolutePath().normalize();
        this.keep = keep;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    public Path root() {
        return root;
    }

    /** Creates the directory if needed and removes partial checkpoints left by a crash. */
    public void open() throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path partial : entries.filter(p -> p.getFileName().toString().startsWith(PARTIAL_PREFIX)).toList()) {
                log.warn("removing incomplete checkpoint {}", partial);
                DirectoryTrees.delete(partial);
            }
        }
    }

    /** Writes, seals and publishes one checkpoint stamped with the store's clock, then prunes old ones. */
    public WrittenCheckpoint write(long step, Map<String, Long> offsets, ModelWriter model) throws IOException {
        return write(step, offsets, model, clock.instant());
    }

    /**
     * Writes, seals and publishes one checkpoint, then prunes old ones. The checkpoint directory's
     * modification time is set to {@code writtenAt}, so that a trainer resuming from it reads the time
     * of its own clock back.
     */
    public WrittenCheckpoint write(long step, Map<String, Long> offsets, ModelWriter model, Instant writtenAt)
            throws IOException {
        Path target = root.resolve(String.format("step-%010d", step));
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a checkpoint of this step exists");
        }
        Path partial = root.resolve(PARTIAL_PREFIX + target.getFileName() + "-" + System.nanoTime());
        Files.createDirectories(partial);
        try {
            model.writeTo(partial);
            writeOffsets(partial.resolve(OFFSETS_FILE), offsets);
            String digest = CheckpointManifest.write(partial);
            Files.setLastModifiedTime(partial, FileTime.from(writtenAt)); // a rename keeps it
            moveIntoPlace(partial, target);
            prune();
            return new WrittenCheckpoint(step, target, digest, offsets);
        } catch (IOException | RuntimeException e) {
            DirectoryTrees.delete(partial);
            throw e;
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the checkpoint directory's file system cannot rename atomically: " + target, e);
        }
    }

    /** Complete checkpoints, oldest first. A directory without a valid name or manifest is not one. */
    public List<Path> complete() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries
                    .filter(p -> COMPLETE.matcher(p.getFileName().toString()).matches())
                    .filter(this::hasManifest)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private boolean hasManifest(Path checkpoint) {
        if (Files.isRegularFile(checkpoint.resolve(CheckpointManifest.FILE_NAME))) {
            return true;
        }
        // Said once per directory: the trainer lists its checkpoints after every write.
        if (warnedWithoutManifest.add(checkpoint)) {
            log.warn("skipping checkpoint {}: it has no {} (its write did not finish, or it was copied in part)",
                    checkpoint, CheckpointManifest.FILE_NAME);
        }
        return false;
    }

    /**
     * The newest checkpoint whose files match its manifest. Newer damaged ones are moved aside to
     * {@code damaged-step-...} (kept for inspection, never loaded), so that training can write that
     * step again.
     */
    public Optional<Path> latestVerified() throws IOException {
        return newestPassing(complete(), (candidate, problems) -> {
            Path aside = root.resolve(DAMAGED_PREFIX + candidate.getFileName() + "-" + System.nanoTime());
            Files.move(candidate, aside, StandardCopyOption.ATOMIC_MOVE);
            log.warn("damaged checkpoint moved to {}: {}", aside, problems);
        });
    }

    /**
     * The newest checkpoint in {@code root} whose files match its manifest, for a reader such as
     * {@code vjepa score}: the directory is the user's and is left as it is; each newer damaged
     * checkpoint is only named on {@code skipped}, one line each.
     *
     * @param root a checkpoint directory as the trainer writes it ({@code step-NNNNNNNNNN/} entries)
     * @param skipped where to say which damaged checkpoints were passed over
     * @return the newest verified checkpoint
     * @throws IOException when there is no such directory or no checkpoint in it passes its manifest
     */
    public static Path latestVerifiedIn(Path root, PrintWriter skipped) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("no checkpoint directory " + root);
        }
        List<Path> complete = new CheckpointStore(root, Integer.MAX_VALUE).complete();
        Optional<Path> newest = newestPassing(complete, (candidate, problems) -> skipped.println(
                "skipping damaged checkpoint " + candidate.getFileName() + ": " + String.join("; ", problems)));
        if (newest.isPresent()) {
            return newest.get();
        }
        // Messages name the directory as the user gave it, not the store's absolute root.
        throw new IOException("no complete checkpoint in " + root + (complete.isEmpty()
                ? " (expected step-NNNNNNNNNN directories with " + CheckpointManifest.FILE_NAME + ")"
                : " passes its manifest"));
    }

    /** What a walk does with a checkpoint that fails its manifest before it tries the next older one. */
    @FunctionalInterface
    private interface DamagedCheckpoint {
        void found(Path checkpoint, List<String> problems) throws IOException;
    }

    /** The one walk over checkpoints, newest first: the first that passes its manifest. */
    private static Optional<Path> newestPassing(List<Path> complete, DamagedCheckpoint damaged) throws IOException {
        for (int i = complete.size() - 1; i >= 0; i--) {
            Path candidate = complete.get(i);
            List<String> problems = CheckpointManifest.verify(candidate, null);
            if (problems.isEmpty()) {
                return Optional.of(candidate);
            }
            damaged.found(candidate, problems);
        }
        return Optional.empty();
    }

    /** A complete checkpoint in this store as the trainer wrote it: its step, manifest digest and offsets. */
    public WrittenCheckpoint read(Path checkpoint) throws IOException {
        return new WrittenCheckpoint(stepOf(checkpoint), checkpoint, CheckpointManifest.digestOf(checkpoint),
                readOffsets(checkpoint));
    }

    /** The step number encoded in a checkpoint directory's name. */
    public static long stepOf(Path checkpoint) {
        Matcher m = COMPLETE.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint directory: " + checkpoint);
        }
        return Long.parseLong(m.group(1));
    }

    /** The offsets a checkpoint recorded, keyed {@code topic-partition}. */
    public static Map<String, Long> readOffsets(Path checkpoint) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(checkpoint.resolve(OFFSETS_FILE), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, Long> offsets = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            offsets.put(key, Long.parseLong(properties.getProperty(key)));
        }
        return offsets;
    }

    private static void writeOffsets(Path file, Map<String, Long> offsets) throws IOException {
        Properties properties = new Properties();
        offsets.forEach((k, v) -> properties.setProperty(k, Long.toString(v)));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "next offsets to consume, by topic-partition");
        }
    }

    /**
     * Marks a checkpoint as the best by validation, in a file {@value #BEST_FILE} naming it; the best one is
     * never pruned, however old.
     */
    public void markBest(Path checkpoint) throws IOException {
        Path temporary = root.resolve(BEST_FILE + ".tmp");
        Files.writeString(temporary, checkpoint.getFileName().toString() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, root.resolve(BEST_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The checkpoint marked best, if it still exists. */
    public Optional<Path> best() throws IOException {
        Path file = root.resolve(BEST_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path best = root.resolve(Files.readString(file, StandardCharsets.UTF_8).strip());
        return Files.isDirectory(best) ? Optional.of(best) : Optional.empty();
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(complete());
        best().ifPresent(all::remove);
        for (int i = 0; i < all.size() - keep; i++) {
            DirectoryTrees.delete(all.get(i));
        }
    }
}
