package io.vjepastream.trainer.eval;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric matrix by cyclic Jacobi rotations: small, exact to rounding, and
 * free of dependencies, which is all the collapse statistics need for a few hundred dimensions.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {
    }

    /**
     * @param matrix a square symmetric matrix; not modified
     * @return its eigenvalues in descending order
     * @throws IllegalArgumentException when the matrix is not square
     */
    public static double[] eigenvalues(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix row " + i + " has " + matrix[i].length + " columns; expected " + n);
            }
            a[i] = matrix[i].clone();
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-22 * (1 + diagonal(a)); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        Arrays.sort(values);
        for (int i = 0; i < n / 2; i++) {
            double t = values[i];
            values[i] = values[n - 1 - i];
            values[n - 1 - i] = t;
        }
        return values;
    }

    /** Zeroes a[p][q] with one rotation applied on both sides. */
    private static void rotate(double[][] a, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    sum += a[i][j] * a[i][j];
                }
            }
        }
        return sum;
    }

    private static double diagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i][i] * a[i][i];
        }
        return sum;
    }
}
