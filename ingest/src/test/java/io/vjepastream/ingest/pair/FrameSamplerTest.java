package io.vjepastream.ingest.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {
    /** Indices of the kept frames among {@code count} frames at {@code fps}. */
    private static List<Integer> kept(double sourceFps, double targetFps, int count) {
        FrameSampler sampler = new FrameSampler(targetFps);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (sampler.accept(Math.round(i * 1_000_000.0 / sourceFps))) {
                kept.add(i);
            }
        }
        return kept;
    }

    @Test
    void twelveAndAHalfToTenKeepsFourOfFive() {
        List<Integer> kept = kept(12.5, 10, 375);
        assertEquals(300, kept.size(), "80% of 375 frames");
        for (int i = 1; i < kept.size(); i++) {
            int gap = kept.get(i) - kept.get(i - 1);
            // 80 ms or 160 ms apart, never more.
            assertTrue(gap == 1 || gap == 2, "gap of " + gap + " frames after frame " + kept.get(i - 1));
        }
        // Over any second the output rate is the target.
        long inFirstSecond = kept.stream().filter(i -> i < 12.5).count();
        assertEquals(10, inFirstSecond);
    }

    @Test
    void thirtyToTenKeepsEveryThird() {
        List<Integer> kept = kept(30, 10, 90);
        assertEquals(30, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(3 * i, kept.get(i));
        }
    }

    @Test
    void ntscRateDoesNotDrift() {
        List<Integer> kept = kept(30_000.0 / 1001, 10, 3000);
        assertTrue(Math.abs(kept.size() - 1001) <= 1, "100.1 s at 10 fps, kept " + kept.size());
    }

    @Test
    void slowerSourceKeepsEveryFrame() {
        assertEquals(50, kept(5, 10, 50).size());
        assertEquals(50, kept(10, 10, 50).size());
    }

    @Test
    void timestampGoingBackRestartsTheSchedule() {
        FrameSampler sampler = new FrameSampler(10);
        assertTrue(sampler.accept(5_000_000));
        assertFalse(sampler.accept(5_050_000));
        assertTrue(sampler.accept(0), "a restarted stream is sampled from its new start");
        assertFalse(sampler.accept(50_000));
        assertTrue(sampler.accept(100_000));
    }

    @Test
    void duplicateTimestampIsDropped() {
        FrameSampler sampler = new FrameSampler(10);
        assertTrue(sampler.accept(0));
        assertFalse(sampler.accept(0));
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new FrameSampler(0));
        assertThrows(IllegalArgumentException.class, () -> new FrameSampler(Double.NaN));
    }
}
