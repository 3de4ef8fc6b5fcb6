package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.trainer.CheckpointStore;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vjepa train} as its own JVM, killed with SIGKILL five times at random moments, twice aimed at a
 * checkpoint being written, and started again each time. Every start must resume from the newest
 * complete checkpoint on disk, so the step count never falls behind it, and must never load (only
 * remove) the partial directory a kill left behind.
 */
@Tag("faults")
class TrainerKillTest {
    private static final Pattern RESUMED = Pattern.compile("resuming from checkpoint (\\S+) at step (\\d+)");
    private static final Pattern FRESH = Pattern.compile("no checkpoint in \\S+; starting from fresh weights");
    private static final Pattern WRITTEN = Pattern.compile("checkpoint step (\\d+) written to (\\S+) and announced");
    private static final Pattern STATUS = Pattern.compile("step (\\d+), .*? (\\d+) pairs received");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void everyRestartResumesFromTheNewestCompleteCheckpoint() throws Exception {
        Random random = new Random(7);
        Path checkpoints = dir.resolve("checkpoints");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
            // A camera keeps sending while the trainer dies and comes back: a restarted trainer's replay buffer
            // starts empty and fills from the pairs after its checkpoint's offsets.
            KafkaPairSink sink = new KafkaPairSink(broker.bootstrapServers());
            IngestConfig camera = IngestConfig.builder().imageSize(FaultModels.TINY.imageSize())
                    .patchSize(FaultModels.TINY.patchSize()).realtime(true).build();
            try (IngestService ingest = new IngestService(camera, List.of(SourceSpec.parse("cam=synthetic:?seconds=0")),
                    sink)) {
                ingest.start();
                killAndRestart(broker, checkpoints, random);
            }
            System.out.printf("trainer kill: %d pairs sent to vjepa.frame-pairs by the camera meanwhile%n", sink.sent());
        }
    }

    private void killAndRestart(EmbeddedKafkaBroker broker, Path checkpoints, Random random) throws Exception {
        long lastResumed = -1;
        List<String> report = new ArrayList<>();
        int partialsLeft = 0;
        for (int run = 0; run <= KILLS; run++) {
            Optional<Path> newest = newestComplete(checkpoints);
            List<Path> partials = partials(checkpoints);
            partialsLeft += partials.size();
            boolean last = run == KILLS;
            List<String> args = new ArrayList<>(List.of("train", "--bootstrap", broker.bootstrapServers(),
                    "--checkpoints", checkpoints.toString(), "--checkpoint-every", "3", "--batch-size", "4",
                    "--status-every", "1s",
                    // A restarted trainer joins its group at once instead of waiting out the killed one's session.
                    "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=1000"));
            long finalStep = newest.map(CheckpointStore::stepOf).orElse(0L) + 6;
            if (last) {
                args.addAll(List.of("--max-steps", Long.toString(finalStep)));
            }
            args.addAll(FaultModels.flags());
            try (ChildVjepa trainer = ChildVjepa.start(dir, "train-" + run, args)) {
                long resumed = awaitStart(trainer, newest);
                assertTrue(resumed >= lastResumed, "run " + run + " resumed at step " + resumed
                        + ", behind the earlier resume at " + lastResumed);
                lastResumed = resumed;
                for (Path partial : partials) {
                    assertFalse(trainer.err().contains("resuming from checkpoint " + partial), "loaded " + partial);
                    assertTrue(trainer.err().contains("removing incomplete checkpoint " + partial),
                            "run " + run + " removed " + partial + ":\n" + trainer.err());
                }
                if (last) {
                    assertEquals(Optional.of(0), trainer.awaitExit(WAIT), "the last run ends at --max-steps:\n"
                            + trainer.err());
                    assertEquals(Optional.of(checkpoints.resolve(String.format("step-%010d", finalStep))),
                            newestComplete(checkpoints), "its final checkpoint");
                    report.add("final run from step " + resumed + " to --max-steps " + finalStep + ", exit code 0");
                    break;
                }
                boolean aimed = run % 2 == 1;
                String how = aimed ? killDuringCheckpoint(trainer, checkpoints)
                        : killAfterCheckpoints(trainer, 1 + random.nextInt(3), random.nextInt(1500));
                List<Path> written = stepsWritten(trainer.err());
                Matcher status = STATUS.matcher(trainer.out());
                String lastStatus = "no status line yet";
                while (status.find()) {
                    lastStatus = "last status: step " + status.group(1) + ", " + status.group(2) + " pairs received";
                }
                report.add("run " + run + ": resumed at step " + resumed + ", " + written.size() + " checkpoints written ("
                        + lastStatus + "), killed " + how);
            }
        }
        report.forEach(line -> System.out.println("trainer kill: " + line));
        System.out.printf("trainer kill: %d partial checkpoint directories left by kills, removed at restart,"
                + " never loaded%n", partialsLeft);
    }

    /** Waits for the start line and checks it names the newest complete checkpoint; the step it resumed at. */
    private static long awaitStart(ChildVjepa trainer, Optional<Path> newest) throws InterruptedException {
        if (newest.isEmpty()) {
            assertTrue(trainer.awaitLog(FRESH, 0, WAIT).isPresent(), "first run starts fresh:\n" + trainer.err());
            return 0;
        }
        Matcher m = trainer.awaitLog(RESUMED, 0, WAIT).orElseThrow(
                () -> new AssertionError("no resume line:\n" + trainer.err()));
        assertEquals(newest.get().toString(), m.group(1), "resumed from the newest complete checkpoint");
        long step = Long.parseLong(m.group(2));
        assertEquals(CheckpointStore.stepOf(newest.get()), step, "at its step");
        return step;
    }

    /** Kills a while after the {@code n}-th checkpoint this run wrote; says when. */
    private static String killAfterCheckpoints(ChildVjepa trainer, int n, int delayMillis) throws InterruptedException {
        assertTrue(trainer.awaitLog(WRITTEN, n - 1, WAIT).isPresent(), "checkpoint " + n + ":\n" + trainer.err());
        Thread.sleep(delayMillis);
        trainer.kill();
        return delayMillis + " ms after its checkpoint " + n;
    }

    /** Kills the moment a partial checkpoint directory appears; says whether the kill left it behind. */
    private static String killDuringCheckpoint(ChildVjepa trainer, Path checkpoints) throws Exception {
        // The resume line comes after the start checkpoint's directory exists, so it can be watched now.
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            Files.createDirectories(checkpoints);
            checkpoints.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path created && created.toString().startsWith(".partial-")) {
                        trainer.kill();
                        boolean left = Files.exists(checkpoints.resolve(created));
                        return "while writing " + created + (left ? " (left partial)" : " (it completed first)");
                    }
                }
                key.reset();
            }
        }
        throw new AssertionError("no checkpoint was started:\n" + trainer.err());
    }

    private static List<Path> stepsWritten(String log) {
        List<Path> written = new ArrayList<>();
        Matcher m = WRITTEN.matcher(log);
        while (m.find()) {
            written.add(Path.of(m.group(2)));
        }
        return written;
    }

    /** The newest directory with a checkpoint name whose files match its manifest. */
    private static Optional<Path> newestComplete(Path checkpoints) throws IOException {
        List<Path> complete = new ArrayList<>(new CheckpointStore(checkpoints, 1).complete());
        for (int i = complete.size() - 1; i >= 0; i--) {
            if (CheckpointManifest.verify(complete.get(i), null).isEmpty()) {
                return Optional.of(complete.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<Path> partials(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(checkpoints)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".partial-")).sorted().toList();
        }
    }
}
