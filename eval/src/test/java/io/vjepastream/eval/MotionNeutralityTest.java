package io.vjepastream.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.PlantedAnomaly;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MotionNeutralityTest {
    /** Normal pairs with displacements 1..n px, and one stall (displacement 0) with a huge energy. */
    private static List<LabelledPair> pairs(int n) {
        List<LabelledPair> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new LabelledPair(null, i, null, false, new double[0], i));
        }
        out.add(new LabelledPair(null, n + 1, PlantedAnomaly.STALL, false, new double[0], 0));
        return out;
    }

    @Test
    void aChangeDetectorRisesWithMotionAndAForecasterDoesNot() {
        List<LabelledPair> pairs = pairs(20);
        double[] changeDetector = new double[21];
        double[] forecaster = new double[21];
        for (int i = 0; i < 20; i++) {
            // Any rising function of the displacement has rank correlation 1.
            changeDetector[i] = Math.sqrt(i + 1) + 0.5;
            // Alternating energies, unrelated to how far things moved.
            forecaster[i] = i % 2 == 0 ? 0.2 : 0.3;
        }
        changeDetector[20] = 100;
        forecaster[20] = 100;
        assertEquals(1.0, MotionNeutrality.of(changeDetector, pairs), 1e-12, "the stall is left out");
        double rho = MotionNeutrality.of(forecaster, pairs);
        assertTrue(Math.abs(rho) < 0.2, "rho " + rho);
        double[] falling = new double[21];
        for (int i = 0; i < 20; i++) {
            falling[i] = -i;
        }
        assertEquals(-1.0, MotionNeutrality.of(falling, pairs), 1e-12);
    }

    @Test
    void needsOneEnergyPerPair() {
        assertThrows(IllegalArgumentException.class, () -> MotionNeutrality.of(new double[3], pairs(5)));
        assertTrue(Double.isNaN(MotionNeutrality.of(new double[3], pairs(2))), "two normal pairs say nothing");
    }
}
