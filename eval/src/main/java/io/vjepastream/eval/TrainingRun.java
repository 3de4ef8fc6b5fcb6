package io.vjepastream.eval;

import java.util.List;

/**
 * How the offline training went.
 *
 * @param steps optimisation steps taken
 * @param seconds wall time of the training loop
 * @param pairsSeen pairs passed through training steps (steps times batch size)
 * @param trainingPairs distinct pairs available to train on
 * @param losses the loss of every step, in order
 */
public record TrainingRun(long steps, double seconds, long pairsSeen, int trainingPairs, List<Double> losses) {
    /** Steps averaged at each end of the run to say whether the loss fell. */
    public static final int WINDOW = 10;

    public TrainingRun {
        losses = List.copyOf(losses);
    }

    /** Mean loss of the first {@value #WINDOW} steps (fewer if the run was shorter); NaN without steps. */
    public double firstLoss() {
        return mean(losses.subList(0, Math.min(WINDOW, losses.size())));
    }

    /** Mean loss of the last {@value #WINDOW} steps (fewer if the run was shorter); NaN without steps. */
    public double lastLoss() {
        return mean(losses.subList(Math.max(0, losses.size() - WINDOW), losses.size()));
    }

    /** Training pairs per second of wall time. */
    public double pairsPerSecond() {
        return seconds > 0 ? pairsSeen / seconds : 0;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
