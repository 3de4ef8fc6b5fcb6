package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.checkpoint.CheckpointManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path root;

    private static CheckpointStore.ModelWriter weights(String content) {
        return dir -> Files.writeString(dir.resolve("weights.params"), content);
    }

    /** Steps 10 and 20 written, then step 20's weights changed: its manifest no longer matches. */
    private static List<WrittenCheckpoint> twoWithTheNewerDamaged(CheckpointStore store) throws IOException {
        store.open();
        WrittenCheckpoint older = store.write(10, Map.of(), weights("w10"));
        WrittenCheckpoint newer = store.write(20, Map.of(), weights("w20"));
        Files.writeString(newer.directory().resolve("weights.params"), "bit rot");
        return List.of(older, newer);
    }

    @Test
    void writesACompleteVerifiedCheckpointWithOffsets() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        WrittenCheckpoint written = store.write(120, Map.of("vjepa.frame-pairs-0", 77L), weights("w120"));

        assertEquals(root.resolve("step-0000000120"), written.directory());
        assertEquals(List.of(), CheckpointManifest.verify(written.directory(), written.sha256()));
        assertEquals(Map.of("vjepa.frame-pairs-0", 77L), CheckpointStore.readOffsets(written.directory()));
        assertEquals(120, CheckpointStore.stepOf(written.directory()));
        assertEquals(Optional.of(written.directory()), store.latestVerified());
    }

    @Test
    void stampsTheCheckpointWithTheGivenTime() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        Instant longAgo = Instant.parse("2024-02-29T12:00:00Z");
        WrittenCheckpoint written = store.write(7, Map.of(), weights("w7"), longAgo);

        Instant stamped = Files.getLastModifiedTime(written.directory()).toInstant();
        assertEquals(longAgo.getEpochSecond(), stamped.getEpochSecond(), "directory time " + stamped);
    }

    @Test
    void withoutAGivenTimeTheCheckpointIsStampedByTheStoresClock() throws IOException {
        Instant then = Instant.parse("2025-06-01T08:30:00Z");
        CheckpointStore store = new CheckpointStore(root, 3, Clock.fixed(then, ZoneOffset.UTC));
        store.open();
        WrittenCheckpoint written = store.write(3, Map.of(), weights("w3"));

        Instant stamped = Files.getLastModifiedTime(written.directory()).toInstant();
        assertEquals(then.getEpochSecond(), stamped.getEpochSecond(), "directory time " + stamped);
    }

    @Test
    void keepsOnlyTheNewestCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 2);
        store.open();
        for (long step = 10; step <= 40; step += 10) {
            store.write(step, Map.of(), weights("w" + step));
        }
        assertEquals(List.of(root.resolve("step-0000000030"), root.resolve("step-0000000040")), store.complete());
    }

    @Test
    void theBestCheckpointSurvivesPruning() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 2);
        store.open();
        WrittenCheckpoint best = store.write(10, Map.of(), weights("w10"));
        store.markBest(best.directory());
        for (long step = 20; step <= 50; step += 10) {
            store.write(step, Map.of(), weights("w" + step));
        }
        assertEquals(Optional.of(best.directory()), store.best());
        assertEquals(List.of(best.directory(), root.resolve("step-0000000040"), root.resolve("step-0000000050")),
                store.complete());
    }

    @Test
    void aWriteInterruptedHalfWayLeavesThePreviousCheckpointAsNewest() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        WrittenCheckpoint good = store.write(50, Map.of("vjepa.frame-pairs-0", 5L), weights("w50"));

        IOException crash = assertThrows(IOException.class, () -> store.write(100, Map.of(), dir -> {
            Files.writeString(dir.resolve("weights.params"), "half of it");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", crash.getMessage());
        assertEquals(Optional.of(good.directory()), store.latestVerified());
        assertFalse(Files.exists(root.resolve("step-0000000100")));
    }

    @Test
    void partialDirectoryLeftByAKilledProcessIsIgnoredAndRemovedAtOpen() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        WrittenCheckpoint good = store.write(50, Map.of(), weights("w50"));
        // What a process killed mid-write leaves behind: a partial directory without manifest.
        Path partial = Files.createDirectory(root.resolve(".partial-step-0000000100-1"));
        Files.writeString(partial.resolve("weights.params"), "half");

        assertEquals(Optional.of(good.directory()), store.latestVerified());
        store.open();
        assertFalse(Files.exists(partial));
    }

    @Test
    void damagedNewestCheckpointIsSkipped() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        WrittenCheckpoint older = twoWithTheNewerDamaged(store).get(0);

        assertEquals(Optional.of(older.directory()), store.latestVerified());
        assertEquals(List.of(older.directory()), store.complete(), "the damaged one is moved aside");
        try (Stream<Path> entries = Files.list(root)) {
            assertTrue(entries.anyMatch(p -> p.getFileName().toString().startsWith("damaged-step-0000000020")));
        }
        // Training can reach that step again and write it.
        store.write(20, Map.of(), weights("w20 again"));
        assertEquals(2, store.complete().size());
    }

    @Test
    void aReaderSkipsADamagedCheckpointSayingSoAndLeavesItInPlace() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        List<WrittenCheckpoint> written = twoWithTheNewerDamaged(store);
        WrittenCheckpoint older = written.get(0);
        WrittenCheckpoint newer = written.get(1);
        StringWriter skipped = new StringWriter();

        assertEquals(older.directory(), CheckpointStore.latestVerifiedIn(root, new PrintWriter(skipped, true)));
        List<String> lines = skipped.toString().lines().toList();
        assertEquals(1, lines.size(), skipped.toString());
        assertTrue(lines.get(0).startsWith("skipping damaged checkpoint step-0000000020: "), lines.get(0));
        assertEquals(List.of(older.directory(), newer.directory()), store.complete(), "nothing is moved aside");
        try (Stream<Path> entries = Files.list(root)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith("damaged-")));
        }
    }

    @Test
    void aReaderFailsNamingTheDirectoryWhenNothingPasses() throws IOException {
        PrintWriter skipped = new PrintWriter(new StringWriter(), true);
        Path missing = root.resolve("missing");
        assertEquals("no checkpoint directory " + missing,
                assertThrows(IOException.class, () -> CheckpointStore.latestVerifiedIn(missing, skipped)).getMessage());
        assertEquals("no complete checkpoint in " + root + " (expected step-NNNNNNNNNN directories with "
                        + CheckpointManifest.FILE_NAME + ")",
                assertThrows(IOException.class, () -> CheckpointStore.latestVerifiedIn(root, skipped)).getMessage());

        CheckpointStore store = new CheckpointStore(root, 3);
        WrittenCheckpoint only = store.write(10, Map.of(), weights("w10"));
        Files.writeString(only.directory().resolve("weights.params"), "bit rot");
        assertEquals("no complete checkpoint in " + root + " passes its manifest",
                assertThrows(IOException.class, () -> CheckpointStore.latestVerifiedIn(root, skipped)).getMessage());
        assertTrue(Files.isDirectory(only.directory()), "the damaged one stays where it was");
    }

    @Test
    void directoryWithoutManifestIsNotACheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        Files.createDirectory(root.resolve("step-0000000005"));
        assertEquals(List.of(), store.complete());
        assertEquals(Optional.empty(), store.latestVerified());
    }

    @Test
    void checkpointOffsetKeysParseBackToPartitions() {
        assertEquals(new org.apache.kafka.common.TopicPartition("vjepa.frame-pairs", 3),
                ResumeAtCheckpoint.partitionOf("vjepa.frame-pairs-3"));
        assertEquals(new org.apache.kafka.common.TopicPartition("a-b-c", 12), ResumeAtCheckpoint.partitionOf("a-b-c-12"));
        assertThrows(IllegalArgumentException.class, () -> ResumeAtCheckpoint.partitionOf("nodash"));
    }

    @Test
    void refusesToOverwriteAStep() throws IOException {
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        store.write(10, Map.of(), weights("a"));
        assertThrows(IOException.class, () -> store.write(10, Map.of(), weights("b")));
        try (Stream<Path> left = Files.list(root)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".partial")));
        }
    }
}
