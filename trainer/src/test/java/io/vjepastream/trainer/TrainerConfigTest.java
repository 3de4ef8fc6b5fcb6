package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

    @Test
    void defaultsAreValid() {
        TrainerConfig config = TrainerConfig.builder().build();
        assertEquals(32, config.batchSize());
        assertEquals("vjepa-trainer", config.groupId());
        assertEquals(0, config.maxSteps());
    }

    @Test
    void refusesNonPositiveBatchWithKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().batchSize(0).build());
        assertEquals("batchSize=0 must be a positive integer", e.getMessage());
    }

    @Test
    void refusesReplaySmallerThanBatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().batchSize(32).replayCapacity(8).build());
        assertTrue(e.getMessage().contains("replayCapacity=8"), e.getMessage());
    }

    @Test
    void refusesZeroCheckpointInterval() {
        assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().checkpointEvery(Duration.ZERO).build());
    }

    @Test
    void refusesNegativeMaxSteps() {
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().maxSteps(-1).build());
    }
}
