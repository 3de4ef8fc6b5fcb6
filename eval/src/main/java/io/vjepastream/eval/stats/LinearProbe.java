package io.vjepastream.eval.stats;

import java.util.Arrays;

/**
 * Measures whether features (latent states) linearly encode targets (object positions): a ridge
 * regression fitted on the first part of the examples and scored by R^2 on the rest. The penalty is
 * chosen from a grid on the last fifth of the fitting part, then the probe is refitted on all of it.
 * Splitting in order rather than at random keeps neighbouring, nearly identical frames of a clip
 * from landing on both sides.
 */
public final class LinearProbe {
    // Up to 1e5: a whole token grid has thousands of standardised features, which need a strong penalty.
    private static final double[] LAMBDAS = {0.01, 0.1, 1, 10, 100, 1000, 1e4, 1e5};

    private LinearProbe() {
    }

    /**
     * @param x features, one row per example, in time order
     * @param y targets, one row per example
     * @param fitFraction the share of examples (from the start) to fit on, in (0, 1)
     * @throws IllegalArgumentException when either part would have fewer than 5 examples
     */
    public static ProbeResult evaluate(double[][] x, double[][] y, double fitFraction) {
        if (!(fitFraction > 0 && fitFraction < 1)) {
            throw new IllegalArgumentException("probe fitFraction = " + fitFraction + "; allowed: (0, 1)");
        }
        int fit = (int) Math.round(x.length * fitFraction);
        int tune = (int) Math.round(fit * 0.8);
        if (tune < 5 || fit - tune < 5 || x.length - fit < 5) {
            throw new IllegalArgumentException("a linear probe needs more examples than " + x.length
                    + " to split into fitting, validation and held-out parts of at least 5");
        }
        double bestLambda = LAMBDAS[0];
        double best = Double.NEGATIVE_INFINITY;
        for (double lambda : LAMBDAS) {
            double r2 = RidgeRegression.fit(rows(x, 0, tune), rows(y, 0, tune), lambda)
                    .rSquared(rows(x, tune, fit), rows(y, tune, fit));
            if (r2 > best) {
                best = r2;
                bestLambda = lambda;
            }
        }
        RidgeRegression probe = RidgeRegression.fit(rows(x, 0, fit), rows(y, 0, fit), bestLambda);
        return new ProbeResult(probe.rSquared(rows(x, fit, x.length), rows(y, fit, y.length)), bestLambda, fit,
                x.length - fit);
    }

    private static double[][] rows(double[][] all, int from, int to) {
        return Arrays.copyOfRange(all, from, to);
    }
}
