package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEvaluationsWithoutImprovementAndKeepsTheBest() {
        EarlyStopping stopping = new EarlyStopping(2, 0.01);
        assertTrue(stopping.record(100, 0.90));
        assertTrue(stopping.record(200, 0.70));
        assertFalse(stopping.record(300, 0.695), "within minDelta is no improvement");
        assertFalse(stopping.shouldStop());
        assertFalse(stopping.record(400, 0.80));
        assertTrue(stopping.shouldStop());
        assertEquals(0.70, stopping.best());
        assertEquals(200, stopping.bestStep());
    }

    @Test
    void anImprovementResetsThePatience() {
        EarlyStopping stopping = new EarlyStopping(2, 0);
        stopping.record(1, 1.0);
        stopping.record(2, 1.1);
        assertTrue(stopping.record(3, 0.5));
        stopping.record(4, 0.6);
        assertFalse(stopping.shouldStop());
    }

    @Test
    void aNonFiniteMetricNeverCountsAsBest() {
        EarlyStopping stopping = new EarlyStopping(1, 0);
        assertFalse(stopping.record(1, Double.NaN));
        assertEquals(-1, stopping.bestStep());
        assertTrue(stopping.shouldStop());
    }

    @Test
    void refusesInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, Double.NaN));
    }
}
