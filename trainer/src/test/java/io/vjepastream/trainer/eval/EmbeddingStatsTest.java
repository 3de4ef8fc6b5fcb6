package io.vjepastream.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingStatsTest {
    @Test
    void eigenvaluesOfSmallMatrices() {
        assertArrayEquals(new double[] {3, 1}, SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}}), 1e-12);
        // Diagonal entries in any order come back sorted.
        assertArrayEquals(new double[] {5, 2, -1},
                SymmetricEigen.eigenvalues(new double[][] {{2, 0, 0}, {0, -1, 0}, {0, 0, 5}}), 1e-12);
        // A 3x3 with eigenvalues 4, 1, 1 (matrix J + I, J all ones... scaled): [[2,1,1],[1,2,1],[1,1,2]].
        assertArrayEquals(new double[] {4, 1, 1},
                SymmetricEigen.eigenvalues(new double[][] {{2, 1, 1}, {1, 2, 1}, {1, 1, 2}}), 1e-10);
    }

    @Test
    void isotropicEmbeddingsHaveFullRank() {
        SplittableRandom random = new SplittableRandom(1);
        float[][] e = new float[4000][8];
        for (float[] row : e) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (2 * random.nextGaussian());
            }
        }
        EmbeddingStats stats = EmbeddingStats.of(e);
        assertEquals(4000, stats.count());
        assertEquals(8, stats.dimensions());
        assertEquals(2.0, stats.meanStd(), 0.05);
        assertTrue(stats.minStd() > 1.9, "min std " + stats.minStd());
        assertTrue(stats.effectiveRank() > 7.8 && stats.effectiveRank() <= 8.0, "rank " + stats.effectiveRank());
    }

    @Test
    void collapsedEmbeddingsShowIt() {
        SplittableRandom random = new SplittableRandom(2);
        float[][] line = new float[500][6];
        float[][] point = new float[500][6];
        for (int i = 0; i < line.length; i++) {
            double t = random.nextGaussian();
            for (int j = 0; j < 6; j++) {
                line[i][j] = (float) (t * (j + 1)); // every embedding on one line through the origin
                point[i][j] = 0.5f;
            }
        }
        assertEquals(1.0, EmbeddingStats.of(line).effectiveRank(), 1e-3);
        EmbeddingStats collapsed = EmbeddingStats.of(point);
        assertEquals(0.0, collapsed.meanStd(), 1e-9);
        assertEquals(1.0, collapsed.effectiveRank(), 1e-12);
    }

    @Test
    void refusesTooFewOrRaggedEmbeddings() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddingStats.of(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingStats.of(new float[][] {{1, 2}, {1}}));
    }
}
