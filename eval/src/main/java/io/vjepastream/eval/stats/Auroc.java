package io.vjepastream.eval.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve of a score that should be higher for positives than for negatives:
 * the probability that a random positive scores above a random negative, ties counting one half
 * (the Mann-Whitney U statistic over the product of the class sizes, with mid-ranks for ties).
 * 1 separates perfectly, 0.5 is chance.
 */
public final class Auroc {
    private Auroc() {
    }

    /**
     * @param scores one score per example
     * @param positive the class of each example
     * @return the AUROC, or NaN when one of the classes is empty
     * @throws IllegalArgumentException when the arrays differ in length or a score is NaN
     */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(
                    "AUROC needs one label per score: " + scores.length + " scores, " + positive.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("AUROC score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            // Ranks i+1..j+1 are tied: each gets their mean.
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }
}
