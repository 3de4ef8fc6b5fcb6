package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossHistoryTest {
    @Test
    void aLongRunKeepsItsFirstAndLatestLossesOnly() {
        LossHistory history = new LossHistory(3);
        for (int step = 1; step <= 10_000; step++) {
            history.add(step);
        }
        Losses losses = history.snapshot();
        assertEquals(10_000, losses.steps());
        assertEquals(List.of(1f, 2f, 3f), losses.first());
        assertEquals(List.of(9_998f, 9_999f, 10_000f), losses.recent());
        assertEquals(1.5, losses.meanOfFirst(2), 1e-9);
        assertEquals(9_999.5, losses.meanOfLast(2), 1e-9);
        assertEquals(9_999, losses.meanOfLast(50), 1e-9, "a window longer than what is kept means what is kept");
    }

    @Test
    void aShortRunHasEveryLossAtBothEnds() {
        LossHistory history = new LossHistory(5);
        history.add(0.5f);
        history.add(0.25f);
        Losses losses = history.snapshot();
        assertEquals(List.of(0.5f, 0.25f), losses.first());
        assertEquals(List.of(0.5f, 0.25f), losses.recent());
        assertTrue(Double.isNaN(new LossHistory(1).snapshot().meanOfFirst(3)), "no steps, no mean");
    }

    @Test
    void aSnapshotDoesNotChangeWithLaterSteps() {
        LossHistory history = new LossHistory(2);
        history.add(1f);
        Losses before = history.snapshot();
        history.add(2f);
        history.add(3f);
        assertEquals(List.of(1f), before.recent());
        assertEquals(1, before.steps());
    }

    @Test
    void keepingNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LossHistory(0));
    }
}
