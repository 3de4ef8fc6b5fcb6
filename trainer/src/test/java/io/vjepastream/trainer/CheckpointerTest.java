package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint schedule on a fixed clock: checkpoints fall due by steps, by time and, after a refused
 * write, by the retry wait; a refused write is counted and explained and announces nothing. A refused
 * write stops before any Kafka client is used, so none is given here; writing, announcing and committing
 * once the directory is usable again run against a real broker in the app module's
 * {@code CheckpointDirectoryFaultTest}.
 */
class CheckpointerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final CheckpointStore.ModelWriter WEIGHTS =
            dir -> Files.writeString(dir.resolve("weights.params"), "w");
    private static final TopicPartition PAIRS = new TopicPartition(Topics.FRAME_PAIRS, 0);

    @TempDir
    Path dir;

    private Checkpointer checkpointer(Path root) {
        TrainerConfig config = TrainerConfig.builder().checkpointDir(root).checkpointEverySteps(10)
                .checkpointEvery(Duration.ofSeconds(60)).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
        Checkpointer checkpointer = new Checkpointer(new CheckpointStore(root, 3), config, new Object(),
                () -> Map.of("loss", 0.5));
        checkpointer.begin(null, null, new HashMap<>(Map.of(PAIRS, 42L)));
        return checkpointer;
    }

    @Test
    void dueEveryNStepsOrAfterTheIntervalSinceTheLastAttempt() {
        Checkpointer checkpointer = checkpointer(dir.resolve("checkpoints"));
        checkpointer.scheduleFrom(T0);

        assertFalse(checkpointer.due(3, T0.plusSeconds(59)));
        assertTrue(checkpointer.due(10, T0.plusSeconds(1)), "every 10 steps");
        assertTrue(checkpointer.due(3, T0.plusSeconds(60)), "every 60 s");

        checkpointer.attempted(T0.plusSeconds(60), true);
        assertFalse(checkpointer.due(4, T0.plusSeconds(119)), "the interval counts from the last attempt");
        assertTrue(checkpointer.due(4, T0.plusSeconds(120)));
    }

    @Test
    void aRefusedWriteIsCountedAndRetriedUntilTheDirectoryIsUsable() throws Exception {
        Path root = Files.writeString(dir.resolve("checkpoints"), "a file where the directory should be");
        Checkpointer checkpointer = checkpointer(root);

        checkpointer.writeInitial(0, WEIGHTS);
        checkpointer.scheduleFrom(T0);
        assertEquals(1, checkpointer.failures());
        String error = checkpointer.lastError().orElseThrow();
        assertTrue(error.startsWith("checkpoint of step 0 could not be written to " + root), error);
        assertTrue(error.contains("the path is a file, not a directory"), error);
        assertFalse(checkpointer.due(3, T0.plus(Duration.ofMillis(1999))), "not before the retry wait");
        assertTrue(checkpointer.due(3, T0.plus(Checkpointer.RETRY)), "retried after the wait");

        assertNull(checkpointer.attempt(3, WEIGHTS, T0.plusSeconds(2)));
        assertEquals(2, checkpointer.failures());
        assertFalse(checkpointer.due(5, T0.plusSeconds(3)));
        assertTrue(checkpointer.due(5, T0.plusSeconds(4)));
        assertEquals(0, checkpointer.written());
        assertEquals(-1, checkpointer.lastStep());
        assertTrue(checkpointer.newestAt().isEmpty());
        checkpointer.attempted(T0.plusSeconds(4), true);
        assertFalse(checkpointer.due(6, T0.plusSeconds(6)), "no retry after a success");
        assertEquals(2, checkpointer.failures(), "failures stay counted");
    }

    @Test
    void aResumedCheckpointIsTheNewest() {
        Checkpointer checkpointer = checkpointer(dir.resolve("checkpoints"));
        checkpointer.resumedFrom(new WrittenCheckpoint(40, dir.resolve("checkpoints/step-0000000040"), "00",
                Map.of()), T0);
        assertEquals(40, checkpointer.lastStep());
        assertEquals(T0, checkpointer.newestAt().orElseThrow());
        assertEquals(0, checkpointer.written(), "resuming writes nothing");
        assertEquals(0, checkpointer.failures());
        // That the resumed checkpoint is announced at start, not written again, is shown on a real broker
        // by the app module's LocalResumeTest.
    }
}
