package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnergyStatisticsTest {
    private static final double EPS = 1e-12;

    @Test
    void halfLifeOfOnePairWeighsEachNewEnergyByHalf() {
        // half-life 1 -> alpha = 1 - 2^-1 = 0.5; the first two values are weighted 1 and 1/2 (plain mean).
        EnergyStatistics stats = EnergyStatistics.empty(1);
        assertEquals(0, stats.update(1), EPS);
        assertEquals(1, stats.mean(), EPS);
        assertEquals(0, stats.variance(), EPS);

        assertEquals(0, stats.update(3), EPS, "no spread yet after one value");
        assertEquals(2, stats.mean(), EPS);
        assertEquals(1, stats.variance(), EPS);

        // z against mean 2, std 1; then mean 2 + 0.5 * 3 = 3.5, variance 0.5 * (1 + 3 * 1.5) = 2.75
        assertEquals(3, stats.update(5), EPS);
        assertEquals(3.5, stats.mean(), EPS);
        assertEquals(2.75, stats.variance(), EPS);
        assertEquals(3, stats.count());

        assertEquals(-1.5 / Math.sqrt(2.75), stats.update(2), EPS);
        assertEquals(2.75, stats.mean(), EPS);
        assertEquals(0.5 * (2.75 + 1.5 * 0.75), stats.variance(), EPS);
    }

    @Test
    void longHalfLifeStartsAsPlainMeanAndPopulationVariance() {
        EnergyStatistics stats = EnergyStatistics.empty(1000);
        for (double e : new double[] {1, 2, 3, 4}) {
            stats.update(e);
        }
        assertEquals(2.5, stats.mean(), EPS);
        assertEquals(1.25, stats.variance(), EPS);
        assertEquals((10 - 2.5) / Math.sqrt(1.25), stats.zScore(10), EPS);
    }

    @Test
    void laterEnergiesOutweighOldOnesAfterManyHalfLives() {
        EnergyStatistics stats = EnergyStatistics.empty(10);
        for (int i = 0; i < 50; i++) {
            stats.update(1);
        }
        for (int i = 0; i < 200; i++) {
            stats.update(5);
        }
        assertEquals(5, stats.mean(), 1e-3, "old level weighs 2^-20 after 20 half-lives");
    }

    @Test
    void constantEnergyGivesLargeButFiniteZForAChange() {
        EnergyStatistics stats = EnergyStatistics.empty(200);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, stats.update(0.5), EPS);
        }
        double z = stats.update(0.6);
        assertTrue(Double.isFinite(z) && z > 100, "z " + z);
    }

    @Test
    void bytesRoundTripAndKeepUpdatingTheSameWay() {
        EnergyStatistics original = EnergyStatistics.empty(7);
        EnergyStatistics twin = EnergyStatistics.empty(7);
        for (double e : new double[] {0.3, 0.9, 0.4, 0.7}) {
            original.update(e);
            twin.update(e);
        }
        byte[] bytes = original.toBytes();
        assertEquals(EnergyStatistics.SERIALIZED_SIZE, bytes.length);
        EnergyStatistics copy = EnergyStatistics.fromBytes(bytes, 7);
        assertEquals(original.count(), copy.count());
        assertEquals(original.mean(), copy.mean(), 0);
        assertEquals(original.variance(), copy.variance(), 0);
        assertEquals(twin.update(2.0), copy.update(2.0), 0);
        assertEquals(twin.mean(), copy.mean(), 0);
    }

    @Test
    void rejectsForeignBytesAndNonFiniteEnergies() {
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> EnergyStatistics.fromBytes(new byte[] {1, 2, 3}, 200));
        assertTrue(wrongSize.getMessage().contains("3 bytes"), wrongSize.getMessage());
        byte[] wrongFormat = EnergyStatistics.empty(200).toBytes();
        wrongFormat[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> EnergyStatistics.fromBytes(wrongFormat, 200));
        EnergyStatistics stats = EnergyStatistics.empty(200);
        assertThrows(IllegalArgumentException.class, () -> stats.update(Double.NaN));
        assertEquals(0, stats.count(), "a rejected energy leaves the statistics alone");
        assertThrows(IllegalArgumentException.class, () -> EnergyStatistics.empty(0.5));
    }
}
