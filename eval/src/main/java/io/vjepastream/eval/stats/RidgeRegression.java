package io.vjepastream.eval.stats;

/**
 * A linear map from features to targets fitted by ridge regression on standardised features, with
 * an unpenalised intercept: it minimises {@code |Y - XW - b|^2 + lambda |W|^2}. Solved in closed form
 * by a Cholesky factorisation of {@code X'X + lambda I}, or of {@code XX' + lambda I} when there are
 * more features than examples (the same solution).
 */
public final class RidgeRegression {
    private final double[] featureMean;
    private final double[] featureScale;
    private final double[] targetMean;
    private final double[][] weights;

    private RidgeRegression(double[] featureMean, double[] featureScale, double[] targetMean, double[][] weights) {
        this.featureMean = featureMean;
        this.featureScale = featureScale;
        this.targetMean = targetMean;
        this.weights = weights;
    }

    /**
     * @param x one feature row per example
     * @param y one target row per example
     * @param lambda the penalty, on features scaled to unit variance; {@code > 0}
     * @throws IllegalArgumentException when the rows do not match or lambda is not positive
     */
    public static RidgeRegression fit(double[][] x, double[][] y, double lambda) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("ridge regression needs as many target rows as feature rows (>= 1): "
                    + x.length + " feature rows, " + y.length + " target rows");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("ridge lambda = " + lambda + "; allowed: a finite number > 0");
        }
        int n = x.length;
        int d = x[0].length;
        int k = y[0].length;
        double[] mean = columnMeans(x);
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            // A constant feature carries nothing: leave it at zero rather than dividing by zero.
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : Double.POSITIVE_INFINITY;
        }
        double[] yMean = columnMeans(y);
        double[][] z = new double[n][d];
        double[][] centred = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            for (int t = 0; t < k; t++) {
                centred[i][t] = y[i][t] - yMean[t];
            }
        }
        double[][] weights = d <= n ? primal(z, centred, lambda) : dual(z, centred, lambda);
        return new RidgeRegression(mean, scale, yMean, weights);
    }

    /** W = (Z'Z + lambda I)^-1 Z'Y: a d x d system, the cheaper one when there are fewer features than rows. */
    private static double[][] primal(double[][] z, double[][] y, double lambda) {
        int d = z[0].length;
        int k = y[0].length;
        double[][] gram = new double[d][d];
        double[][] rhs = new double[d][k];
        for (int i = 0; i < z.length; i++) {
            double[] row = z[i];
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    gram[a][b] += row[a] * row[b];
                }
                for (int t = 0; t < k; t++) {
                    rhs[a][t] += row[a] * y[i][t];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            gram[a][a] += lambda;
            for (int b = 0; b < a; b++) {
                gram[a][b] = gram[b][a];
            }
        }
        return solve(gram, rhs);
    }

    /**
     * W = Z'(ZZ' + lambda I)^-1 Y, the same solution through an n x n system: the cheaper one for
     * wide features, such as a whole grid of tokens.
     */
    private static double[][] dual(double[][] z, double[][] y, double lambda) {
        int n = z.length;
        int d = z[0].length;
        int k = y[0].length;
        double[][] kernel = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += z[a][j] * z[b][j];
                }
                kernel[a][b] = dot;
                kernel[b][a] = dot;
            }
            kernel[a][a] += lambda;
        }
        double[][] alpha = solve(kernel, y);
        double[][] weights = new double[d][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                for (int t = 0; t < k; t++) {
                    weights[j][t] += z[i][j] * alpha[i][t];
                }
            }
        }
        return weights;
    }

    /** The predicted targets of one feature row. */
    public double[] predict(double[] features) {
        int d = featureMean.length;
        if (features.length != d) {
            throw new IllegalArgumentException("ridge model takes " + d + " features but got " + features.length);
        }
        double[] out = targetMean.clone();
        for (int j = 0; j < d; j++) {
            double z = (features[j] - featureMean[j]) / featureScale[j];
            for (int t = 0; t < out.length; t++) {
                out[t] += z * weights[j][t];
            }
        }
        return out;
    }

    /**
     * The coefficient of determination of this model on a data set, averaged over target columns
     * (columns that do not vary are left out): 1 is perfect, 0 is no better than predicting the mean,
     * negative is worse.
     */
    public double rSquared(double[][] x, double[][] y) {
        return RSquared.of(predictAll(x), y);
    }

    /** Predictions for many rows. */
    public double[][] predictAll(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i]);
        }
        return out;
    }

    static double[] columnMeans(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        return mean;
    }

    /** Solves A W = B for symmetric positive definite A by Cholesky. */
    private static double[][] solve(double[][] a, double[][] b) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    if (sum <= 0) {
                        throw new IllegalStateException("ridge system is not positive definite at row " + i);
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        int k = b.length == 0 ? 0 : b[0].length;
        double[][] w = new double[n][k];
        for (int t = 0; t < k; t++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = b[i][t];
                for (int m = 0; m < i; m++) {
                    sum -= l[i][m] * v[m];
                }
                v[i] = sum / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double sum = v[i];
                for (int m = i + 1; m < n; m++) {
                    sum -= l[m][i] * w[m][t];
                }
                w[i][t] = sum / l[i][i];
            }
        }
        return w;
    }
}
