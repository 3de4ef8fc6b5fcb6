package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CollapseStatisticsTest {
    @Test
    void orthogonalEmbeddingsHaveFullRank() {
        CollapseStatistics s = CollapseStatistics.of(new float[][] {{1, 0}, {0, 1}});
        // each column (1, 0): mean 0.5, unbiased variance (0.25 + 0.25) / 1
        float std = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {std, std}, s.stdPerDimension(), 1e-6f);
        assertEquals(std, s.meanStd(), 1e-6);
        // singular values 1, 1 -> p = (0.5, 0.5) -> exp(ln 2) = 2
        assertEquals(2.0, s.effectiveRank(), 1e-9);
        // centred: (0.5, -0.5) and (-0.5, 0.5), one direction
        assertEquals(1.0, s.centredEffectiveRank(), 1e-9);
    }

    @Test
    void centredRankCountsTheDirectionsOfVariation() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        float[][] isotropic = new float[4000][8];
        float[][] line = new float[500][6];
        for (float[] row : isotropic) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (2 * random.nextGaussian());
            }
        }
        for (float[] row : line) {
            double t = random.nextGaussian();
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (t * (j + 1)); // every embedding on one line through the origin
            }
        }
        CollapseStatistics spread = CollapseStatistics.of(isotropic);
        assertEquals(2.0, spread.meanStd(), 0.05);
        assertTrue(spread.centredEffectiveRank() > 7.8 && spread.centredEffectiveRank() <= 8.0,
                "rank " + spread.centredEffectiveRank());
        assertEquals(1.0, CollapseStatistics.of(line).centredEffectiveRank(), 1e-3);
    }

    @Test
    void aSharedOffsetHidesSpreadFromTheRawRankButNotFromTheCentredOne() {
        // every row is (10, 10, 10) plus a small deviation; the batch mean is exactly (10, 10, 10)
        float[][] rows = {{11, 10, 10}, {10, 11, 10}, {10, 10, 11}, {9, 9, 9}};
        CollapseStatistics s = CollapseStatistics.of(rows);
        assertTrue(s.effectiveRank() < 1.5, "the common offset dominates: " + s.effectiveRank());
        // centred rows (1, 0, 0), (0, 1, 0), (0, 0, 1), (-1, -1, -1): Gram = [[2,1,1],[1,2,1],[1,1,2]] has
        // eigenvalues 4, 1, 1 -> singular values 2, 1, 1 -> p = (0.5, 0.25, 0.25) -> exp(1.5 ln 2) = 2.828...
        assertEquals(Math.pow(2, 1.5), s.centredEffectiveRank(), 1e-6);
    }

    @Test
    void collapsedEmbeddingsHaveRankOneAndNoSpread() {
        CollapseStatistics s = CollapseStatistics.of(new float[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
        assertArrayEquals(new float[] {0, 0, 0}, s.stdPerDimension());
        assertEquals(0.0, s.meanStd());
        assertEquals(1.0, s.effectiveRank(), 1e-9);
        assertEquals(0.0, s.centredEffectiveRank());
    }

    @Test
    void unevenSpectrumGivesTheEntropyOfItsSingularValues() {
        // singular values 3 and 1 -> p = (0.75, 0.25): exp(-(0.75 ln 0.75 + 0.25 ln 0.25)) = 1.7548...
        double expected = Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)));
        assertEquals(1.75476, expected, 1e-5);
        assertEquals(expected, CollapseStatistics.of(new float[][] {{3, 0}, {0, 1}}).effectiveRank(), 1e-9);
        // rotated by 45 degrees and with a zero row added: the same singular values
        float r = (float) Math.sqrt(0.5);
        float[][] rotated = {{3 * r, 3 * r}, {-r, r}, {0, 0}};
        assertEquals(expected, CollapseStatistics.of(rotated).effectiveRank(), 1e-6);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CollapseStatistics.of(new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> CollapseStatistics.of(new float[][] {{1, 2}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> CollapseStatistics.of(new float[][] {{Float.NaN}}));
        assertEquals(0.0, CollapseStatistics.of(new float[][] {{0, 0}}).effectiveRank());
    }
}
