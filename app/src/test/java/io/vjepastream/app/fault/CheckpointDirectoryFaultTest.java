package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.trainer.CheckpointStore;
import io.vjepastream.trainer.TrainerConfig;
import io.vjepastream.trainer.TrainerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint directory cannot be used: its path is taken by a regular file (the tests run as root,
 * where file permissions stop nothing). Training goes on, every checkpoint attempt fails and is counted,
 * and once the file is gone the next attempt writes a complete checkpoint of the current step.
 */
class CheckpointDirectoryFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void trainingGoesOnAndTheCheckpointIsWrittenOnceTheDirectoryIsUsableAgain() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
            int pairs = ingest(broker.bootstrapServers());
            Path checkpoints = dir.resolve("checkpoints");
            Files.writeString(checkpoints, "a file where the checkpoint directory should be");

            TrainerConfig config = TrainerConfig.builder().bootstrapServers(broker.bootstrapServers())
                    .groupId("trainer-disk-fault").checkpointDir(checkpoints).model(FaultModels.TINY)
                    .batchSize(4).replayCapacity(64).checkpointEverySteps(2).build();
            TrainerService trainer = new TrainerService(config);
            long stepsWhileRefused;
            long failuresWhileRefused;
            try {
                trainer.start();
                // The first attempt (step 0) fails at once; later ones come every 2 steps or after the retry wait.
                awaitTrue(() -> trainer.checkpointFailures() >= 3 && trainer.metrics().steps() >= 6,
                        "three refused checkpoints while training went on", trainer);
                stepsWhileRefused = trainer.metrics().steps();
                failuresWhileRefused = trainer.checkpointFailures();
                assertTrue(trainer.healthy(), "the trainer runs on: " + trainer.failure());
                assertEquals(0, trainer.metrics().checkpoints(), "nothing could be written");
                String error = trainer.lastCheckpointError().orElseThrow();
                assertTrue(error.contains("could not be written to " + checkpoints)
                        && error.contains("the path is a file, not a directory"), error);

                Files.delete(checkpoints);
                awaitTrue(() -> trainer.metrics().checkpoints() >= 1, "a checkpoint once the path is free", trainer);
            } finally {
                trainer.close();
            }
            assertTrue(trainer.failure().isEmpty(), () -> "trainer failed: " + trainer.failure());
            List<Path> written = new CheckpointStore(checkpoints, 5).complete();
            assertTrue(!written.isEmpty(), "complete checkpoints in " + checkpoints);
            Path first = written.get(0);
            assertTrue(CheckpointStore.stepOf(first) >= stepsWhileRefused,
                    "the first checkpoint holds the steps trained meanwhile: " + first + " after " + stepsWhileRefused);
            assertEquals(List.of(), CheckpointManifest.verify(first, null), "complete and sealed");
            System.out.printf("checkpoint directory fault: %d pairs in, %d steps, %d checkpoint attempts refused while"
                            + " the path was a file (%d steps trained meanwhile), then %d checkpoints written (first %s)%n",
                    pairs, trainer.metrics().steps(), failuresWhileRefused, stepsWhileRefused,
                    trainer.metrics().checkpoints(), first.getFileName());
        }
    }

    private static int ingest(String bootstrap) throws Exception {
        IngestConfig config = IngestConfig.builder().imageSize(FaultModels.TINY.imageSize())
                .patchSize(FaultModels.TINY.patchSize()).build();
        try (IngestService ingest = new IngestService(config, List.of(SourceSpec.parse("synthetic:?seconds=3&fps=10")),
                new KafkaPairSink(bootstrap))) {
            ingest.start();
            assertTrue(ingest.awaitCompletion(WAIT), "synthetic clip ingested");
            return (int) ingest.metrics().values().iterator().next().pairsSent();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what, TrainerService trainer)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what + "; " + trainer.metrics());
            assertTrue(trainer.failure().isEmpty(), () -> "trainer failed: " + trainer.failure());
            Thread.sleep(20);
        }
    }
}
