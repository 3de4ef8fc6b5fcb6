package io.vjepastream.trainer.eval;

/**
 * Collapse statistics of a set of embeddings: how much each dimension varies across examples, and
 * how many directions the variation really spans. A collapsed encoder maps everything to (nearly)
 * one point, so its standard deviations go to zero; a dimensional collapse keeps some variance but
 * in few directions, so its effective rank drops towards 1.
 *
 * @param count embeddings measured
 * @param dimensions their length
 * @param meanStd mean over dimensions of the per-dimension standard deviation
 * @param minStd smallest per-dimension standard deviation
 * @param effectiveRank exp of the entropy of the normalised singular values of the centred
 *     embeddings (Roy and Vetterli, 2007): between 1 and {@code min(count, dimensions)}
 */
public record EmbeddingStats(int count, int dimensions, double meanStd, double minStd, double effectiveRank) {

    /**
     * @param embeddings one row per example, all of one length
     * @throws IllegalArgumentException when there are fewer than two rows or rows differ in length
     */
    public static EmbeddingStats of(float[][] embeddings) {
        int n = embeddings.length;
        if (n < 2) {
            throw new IllegalArgumentException("collapse statistics need at least 2 embeddings but got " + n);
        }
        int d = embeddings[0].length;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            if (embeddings[i].length != d) {
                throw new IllegalArgumentException("embedding " + i + " has " + embeddings[i].length
                        + " dimensions; the first has " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += embeddings[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] covariance = new double[d][d];
        for (float[] row : embeddings) {
            for (int a = 0; a < d; a++) {
                double ca = row[a] - mean[a];
                for (int b = a; b < d; b++) {
                    covariance[a][b] += ca * (row[b] - mean[b]);
                }
            }
        }
        double sumStd = 0;
        double minStd = Double.POSITIVE_INFINITY;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= n - 1;
                covariance[b][a] = covariance[a][b];
            }
            double std = Math.sqrt(covariance[a][a]);
            sumStd += std;
            minStd = Math.min(minStd, std);
        }
        return new EmbeddingStats(n, d, sumStd / d, minStd, effectiveRank(SymmetricEigen.eigenvalues(covariance)));
    }

    /** Singular values of the centred data are the square roots of the covariance eigenvalues (up to a scale). */
    private static double effectiveRank(double[] eigenvalues) {
        // Directions with variance at rounding level (relative to the largest) are not directions.
        double floor = Math.max(0, eigenvalues[0]) * 1e-12;
        double total = 0;
        for (double v : eigenvalues) {
            total += v > floor ? Math.sqrt(v) : 0;
        }
        if (total == 0) {
            return 1;
        }
        double entropy = 0;
        for (double v : eigenvalues) {
            double p = (v > floor ? Math.sqrt(v) : 0) / total;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }
}
