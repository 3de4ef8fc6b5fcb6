package io.vjepastream.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {
    /** y = A x + b (+ noise), with one constant feature that must not break the fit. */
    private static double[][][] linearProblem(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble() * 10;
            x[i][1] = random.nextDouble() - 0.5;
            x[i][2] = 3.0;
            x[i][3] = random.nextDouble() * 100;
            y[i][0] = 2 * x[i][0] - 7 * x[i][1] + 1 + noise * random.nextGaussian();
            y[i][1] = 0.05 * x[i][3] - x[i][0] + noise * random.nextGaussian();
        }
        return new double[][][] {x, y};
    }

    @Test
    void recoversAnExactLinearMap() {
        double[][][] p = linearProblem(200, 0, 1);
        RidgeRegression model = RidgeRegression.fit(p[0], p[1], 1e-6);
        assertArrayEquals(new double[] {2 * 5 - 7 * 0.25 + 1, 0.05 * 40 - 5}, model.predict(new double[] {5, 0.25, 3, 40}),
                1e-4);
        assertEquals(1.0, model.rSquared(p[0], p[1]), 1e-9);
    }

    @Test
    void heldOutRSquaredMatchesTheNoiseLevel() {
        double[][][] p = linearProblem(400, 1.0, 2);
        ProbeResult result = LinearProbe.evaluate(p[0], p[1], 0.7);
        assertEquals(280, result.fitted());
        assertEquals(120, result.heldOut());
        // Target variances are about 4*8.3+49/12+1 = 38.4 and 8.3+8.3+1 = 17.7; noise variance 1 each,
        // so the best possible R^2 is about (1 - 1/38.4 + 1 - 1/17.7) / 2 = 0.96.
        assertTrue(result.rSquared() > 0.9 && result.rSquared() < 0.99, "R^2 " + result.rSquared());
    }

    @Test
    void noiseOnlyTargetsGiveNoSkill() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[300][5];
        double[][] y = new double[300][1];
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i][0] = random.nextGaussian();
        }
        assertTrue(LinearProbe.evaluate(x, y, 0.7).rSquared() < 0.1);
    }

    @Test
    void wideFeaturesGiveTheSameFitAsTheNarrowFormula() {
        // 11 features on 12 rows take the feature-space formula; the same features written twice (22
        // columns) take the row-space one.
        SplittableRandom random = new SplittableRandom(5);
        int n = 12;
        double[][] narrow = new double[n][11];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 11; j++) {
                narrow[i][j] = random.nextGaussian();
            }
            y[i][0] = random.nextGaussian();
            y[i][1] = narrow[i][0] - narrow[i][3];
        }
        // A duplicated column splits its weight evenly, so penalty lambda on the pair costs what
        // lambda / 2 costs on the single column: both fits must predict alike.
        double[][] wide = new double[n][22];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 11; j++) {
                wide[i][2 * j] = narrow[i][j];
                wide[i][2 * j + 1] = narrow[i][j];
            }
        }
        double lambda = 0.7;
        RidgeRegression viaFeatures = RidgeRegression.fit(narrow, y, lambda / 2);
        RidgeRegression viaRows = RidgeRegression.fit(wide, y, lambda);
        double[] probe = new double[11];
        double[] probeWide = new double[22];
        for (int j = 0; j < 11; j++) {
            probe[j] = random.nextGaussian();
            probeWide[2 * j] = probe[j];
            probeWide[2 * j + 1] = probe[j];
        }
        assertArrayEquals(viaFeatures.predict(probe), viaRows.predict(probeWide), 1e-9);
    }

    @Test
    void rSquaredByHand() {
        // actual 1,2,3 (mean 2, SS_tot 2); predicted 1,2,4 (SS_res 1): R^2 = 0.5
        assertEquals(0.5, RSquared.of(new double[][] {{1}, {2}, {4}}, new double[][] {{1}, {2}, {3}}), 1e-12);
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> RidgeRegression.fit(new double[][] {{1}}, new double[][] {{1}}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RidgeRegression.fit(new double[][] {{1}, {2}}, new double[][] {{1}}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.evaluate(new double[10][1], new double[10][1], 0.7));
    }
}
