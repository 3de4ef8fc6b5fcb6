package io.vjepastream.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AurocTest {
    @Test
    void perfectReversedAndChanceRankings() {
        boolean[] labels = {false, false, true, true};
        assertEquals(1.0, Auroc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels), 1e-12);
        assertEquals(0.0, Auroc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels), 1e-12);
        // Pairs (pos, neg): 0.8>0.1, 0.8>0.5... count by hand: positives {0.3, 0.8}, negatives {0.1, 0.5}.
        assertEquals(0.75, Auroc.of(new double[] {0.1, 0.5, 0.3, 0.8}, labels), 1e-12);
    }

    @Test
    void tiesCountOneHalf() {
        // Every score equal: each (pos, neg) pair is a tie, so 0.5.
        assertEquals(0.5, Auroc.of(new double[] {1, 1, 1, 1, 1}, new boolean[] {true, false, false, true, false}), 1e-12);
        // positives {2, 3}, negatives {1, 2}: pairs (2,1)=1, (2,2)=0.5, (3,1)=1, (3,2)=1 -> 3.5 / 4.
        assertEquals(0.875, Auroc.of(new double[] {2, 3, 1, 2}, new boolean[] {true, true, false, false}), 1e-12);
    }

    @Test
    void oneEmptyClassHasNoAuroc() {
        assertTrue(Double.isNaN(Auroc.of(new double[] {1, 2}, new boolean[] {true, true})));
        assertTrue(Double.isNaN(Auroc.of(new double[] {}, new boolean[] {})));
    }

    @Test
    void refusesMismatchedOrNaNInput() {
        assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[] {1}, new boolean[] {true, false}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Auroc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
        assertTrue(nan.getMessage().contains("score 1"), nan.getMessage());
    }
}
