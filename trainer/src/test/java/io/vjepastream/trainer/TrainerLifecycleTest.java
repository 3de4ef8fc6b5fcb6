package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.SharedBroker;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer service against a real broker: a trainer that stopped (or was killed) resumes from its
 * newest complete checkpoint, its weights, step count and consumed offsets, never from a partial or
 * damaged one; a checkpoint of another model config is refused; a finite source stops early once the
 * held-out loss stops improving, keeping the best checkpoint.
 */
class TrainerLifecycleTest {
    private static final JepaConfig MODEL = JepaConfig.builder()
            .imageSize(32).patchSize(8).encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();
    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @TempDir
    Path checkpoints;

    @Test
    void resumesFromTheNewestCompleteCheckpointAndItsOffsets() throws Exception {
        ingest("synthetic:?seconds=3&fps=10&seed=1");
        long endOfFirstBatch = endOffset();

        // A clock 400 days behind the wall clock: checkpoint times and ages must come from it.
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofDays(-400));
        TrainerService first = new TrainerService(config("trainer-a", 4).clock(behind).build());
        first.start();
        assertTrue(first.awaitFinished(Duration.ofMinutes(2)), "first run reached 4 steps");
        assertTrue(first.failure().isEmpty(), () -> "first run failed: " + first.failure());
        Instant writtenAt = first.lastCheckpointAt().orElseThrow();
        assertTrue(writtenAt.isBefore(Instant.now().minus(Duration.ofDays(399))), "stamped by the given clock: " + writtenAt);
        Duration age = first.checkpointAge().orElseThrow();
        assertTrue(!age.isNegative() && age.compareTo(Duration.ofMinutes(2)) < 0, "age by the same clock: " + age);
        Path step4 = checkpoints.resolve("step-0000000004");
        assertTrue(Files.isDirectory(step4));
        // A resumed trainer reads the time of its newest checkpoint from the directory.
        assertEquals(writtenAt.getEpochSecond(), Files.getLastModifiedTime(step4).toInstant().getEpochSecond());
        long resumeAt = CheckpointStore.readOffsets(step4).get(Topics.FRAME_PAIRS + "-0");
        assertTrue(resumeAt > 0 && resumeAt <= endOfFirstBatch, "offset recorded: " + resumeAt);

        // What a kill during the next checkpoint leaves behind, and a newer checkpoint that rotted on disk.
        Path partial = Files.createDirectory(checkpoints.resolve(".partial-step-0000000006-1"));
        Files.writeString(partial.resolve("online-encoder.params"), "half written");
        Path rotten = copy(step4, checkpoints.resolve("step-0000000006"));
        Files.writeString(rotten.resolve("predictor.params"), "flipped bits");

        ingest("synthetic:?seconds=2&fps=10&seed=2");
        // A new consumer group: without the checkpoint's offsets it would start from the beginning.
        TrainerService second = trainer("trainer-b", 6);
        second.start();
        assertTrue(second.awaitFinished(Duration.ofMinutes(2)), "second run reached 6 steps");
        assertTrue(second.failure().isEmpty(), () -> "second run failed: " + second.failure());

        assertEquals(6, second.metrics().steps());
        assertEquals(2, second.losses().steps(), "continued at step 4, not from scratch and not from step 6");
        assertEquals(endOffset() - resumeAt, second.metrics().pairsReceived(),
                "read exactly what the checkpoint had not consumed");
        assertFalse(Files.exists(partial), "the partial checkpoint was removed");
        try (Stream<Path> entries = Files.list(checkpoints)) {
            assertTrue(entries.anyMatch(p -> p.getFileName().toString().startsWith("damaged-step-0000000006")));
        }
        assertEquals(List.of(), io.vjepastream.model.checkpoint.CheckpointManifest.verify(
                checkpoints.resolve("step-0000000006"), null), "step 6 written again, complete");
    }

    @Test
    void refusesACheckpointOfAnotherModelConfig() throws Exception {
        ingest("synthetic:?seconds=2&fps=10&seed=3");
        TrainerService first = trainer("trainer-c", 2);
        first.start();
        assertTrue(first.awaitFinished(Duration.ofMinutes(2)));

        JepaConfig wider = MODEL.toBuilder().encoderWidth(64).build();
        TrainerService other = new TrainerService(config("trainer-d", 4).model(wider).build());
        other.start();
        assertTrue(other.awaitFinished(Duration.ofMinutes(1)));
        String message = other.failure().orElseThrow().getMessage();
        assertTrue(message.contains("different model config"), message);
        assertTrue(message.contains("(latent_dim is " + MODEL.encoderWidth() + " there and 64 here)"), message);
        assertTrue(message.endsWith("resume it with --model latent_dim=" + MODEL.encoderWidth()), message);
        assertTrue(message.contains(checkpoints.resolve("step-0000000002").toString()), message);
        assertEquals(0, other.metrics().checkpoints(), "nothing was written over the old line");
    }

    @Test
    void aFiniteSourceStopsEarlyAndKeepsTheBestCheckpoint() throws Exception {
        ingest("synthetic:?seconds=4&fps=10&seed=4");
        // An improvement of 10 is impossible: the first validation is the best, the second ends training.
        TrainerService service = new TrainerService(config("trainer-e", 40)
                .validationFraction(0.2).earlyStoppingPatience(1).earlyStoppingMinDelta(10).keepCheckpoints(1)
                .build());
        service.start();
        assertTrue(service.awaitFinished(Duration.ofMinutes(2)));
        assertTrue(service.failure().isEmpty(), () -> "failed: " + service.failure());

        assertEquals(4, service.metrics().steps(), "stopped at the second validated checkpoint, long before 40");
        assertTrue(Double.isFinite(service.metrics().validationLoss()), "a validation loss was measured");
        CheckpointStore store = new CheckpointStore(checkpoints, 1);
        assertEquals(checkpoints.resolve("step-0000000002"), store.best().orElseThrow());
        assertEquals(List.of(checkpoints.resolve("step-0000000002"), checkpoints.resolve("step-0000000004")),
                store.complete(), "the best survives pruning beside the newest");
    }

    private TrainerService trainer(String group, long maxSteps) {
        return new TrainerService(config(group, maxSteps).build());
    }

    private TrainerConfig.Builder config(String group, long maxSteps) {
        return TrainerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .groupId(group)
                .checkpointDir(checkpoints)
                .model(MODEL)
                .batchSize(4)
                .replayCapacity(64)
                .checkpointEverySteps(2)
                .keepCheckpoints(5)
                .maxSteps(maxSteps);
    }

    private static long endOffset() {
        TopicPartition partition = new TopicPartition(Topics.FRAME_PAIRS, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static void ingest(String uri) throws Exception {
        IngestConfig config = IngestConfig.builder().imageSize(MODEL.imageSize()).patchSize(MODEL.patchSize()).build();
        IngestService ingest = new IngestService(config, List.of(SourceSpec.parse(uri)),
                new KafkaPairSink(broker.bootstrapServers()));
        ingest.start();
        assertTrue(ingest.awaitCompletion(Duration.ofMinutes(1)));
        ingest.close();
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectory(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

}
