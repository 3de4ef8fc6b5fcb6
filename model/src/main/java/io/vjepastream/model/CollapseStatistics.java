package io.vjepastream.model;

/**
 * Signs of representation collapse in a batch of pooled embeddings: the standard deviation of every
 * dimension over the batch (collapse drives them to 0), their mean, and the effective rank (RankMe,
 * Garrido et al.): {@code exp(-sum_k p_k log p_k)} with {@code p_k = s_k / sum s} over the singular
 * values {@code s} of the N x D embedding matrix (not centred): 1 when every embedding points the same
 * way, up to {@code min(N, D)} when the spectrum is flat. Pooled embeddings share a large common
 * component, which dominates that spectrum; the same rank of the centred embeddings (batch mean
 * removed) shows how many directions the embeddings actually vary in.
 *
 * @param stdPerDimension unbiased standard deviation of each dimension over the batch (0 for N = 1)
 * @param meanStd the mean of those
 * @param effectiveRank the RankMe effective rank; 0 for a batch of zero vectors
 * @param centredEffectiveRank the same of the centred embeddings; 0 when all embeddings are equal
 */
public record CollapseStatistics(float[] stdPerDimension, double meanStd, double effectiveRank,
        double centredEffectiveRank) {
    private static final int SWEEPS = 100;

    /**
     * @param embeddings N rows of D values each, N >= 1
     * @throws IllegalArgumentException for no rows, rows of different lengths or non-finite values
     */
    public static CollapseStatistics of(float[][] embeddings) {
        if (embeddings.length == 0 || embeddings[0].length == 0) {
            throw new IllegalArgumentException("collapse statistics need at least one embedding of at least one value");
        }
        int n = embeddings.length;
        int d = embeddings[0].length;
        for (int i = 0; i < n; i++) {
            if (embeddings[i].length != d) {
                throw new IllegalArgumentException("embedding " + i + " has " + embeddings[i].length
                        + " values, embedding 0 has " + d);
            }
            for (float value : embeddings[i]) {
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("embedding " + i + " holds the non-finite value " + value);
                }
            }
        }
        float[] std = new float[d];
        float[][] centred = new float[n][d];
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (float[] row : embeddings) {
                mean += row[j];
            }
            mean /= n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                centred[i][j] = (float) (embeddings[i][j] - mean);
                squares += (double) centred[i][j] * centred[i][j];
            }
            std[j] = n > 1 ? (float) Math.sqrt(squares / (n - 1)) : 0f;
            sum += std[j];
        }
        return new CollapseStatistics(std, sum / d, effectiveRank(embeddings), effectiveRank(centred));
    }

    /** @return RankMe of the matrix: singular values from the eigenvalues of its smaller Gram matrix */
    static double effectiveRank(float[][] m) {
        int n = m.length;
        int d = m[0].length;
        boolean rows = n <= d;
        int k = rows ? n : d;
        double[][] gram = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double dot = 0;
                for (int i = 0; i < (rows ? d : n); i++) {
                    dot += rows ? (double) m[a][i] * m[b][i] : (double) m[i][a] * m[i][b];
                }
                gram[a][b] = dot;
                gram[b][a] = dot;
            }
        }
        double[] eigen = jacobiEigenvalues(gram);
        double total = 0;
        double[] singular = new double[k];
        for (int i = 0; i < k; i++) {
            singular[i] = Math.sqrt(Math.max(0, eigen[i]));
            total += singular[i];
        }
        if (total <= 0) {
            return 0;
        }
        double entropy = 0;
        for (double s : singular) {
            double p = s / total;
            if (p > 1e-12) {
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }

    /** @return the eigenvalues of a symmetric matrix by cyclic Jacobi rotations (the matrix is overwritten) */
    static double[] jacobiEigenvalues(double[][] a) {
        int k = a.length;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double off = 0;
            double scale = 0;
            for (int p = 0; p < k; p++) {
                scale += a[p][p] * a[p][p];
                for (int q = p + 1; q < k; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-24 * Math.max(scale, 1e-300)) {
                break;
            }
            for (int p = 0; p < k; p++) {
                for (int q = p + 1; q < k; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < k; r++) {
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < k; r++) {
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                }
            }
        }
        double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
