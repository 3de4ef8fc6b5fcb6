package io.vjepastream.eval.stats;

/** The coefficient of determination R^2 of predictions, averaged over target columns. */
public final class RSquared {
    private RSquared() {
    }

    /**
     * @param predicted one row of predictions per example
     * @param actual one row of true values per example
     * @return the mean over columns of {@code 1 - SS_res / SS_tot}, leaving out columns whose true
     *     values do not vary; NaN when no column varies
     */
    public static double of(double[][] predicted, double[][] actual) {
        if (predicted.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("R^2 needs as many predictions as true rows (>= 1): "
                    + predicted.length + " and " + actual.length);
        }
        double[] mean = RidgeRegression.columnMeans(actual);
        double sum = 0;
        int columns = 0;
        for (int t = 0; t < mean.length; t++) {
            double residual = 0;
            double total = 0;
            for (int i = 0; i < actual.length; i++) {
                residual += Math.pow(actual[i][t] - predicted[i][t], 2);
                total += Math.pow(actual[i][t] - mean[t], 2);
            }
            if (total > 1e-24) {
                sum += 1 - residual / total;
                columns++;
            }
        }
        return columns == 0 ? Double.NaN : sum / columns;
    }
}
