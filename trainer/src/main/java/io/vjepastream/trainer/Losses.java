package io.vjepastream.trainer;

import java.util.List;

/**
 * The losses of a run as {@link TrainerService#losses()} gives them: the first and the latest
 * steps' losses, not every loss of a run that may last for months.
 *
 * @param steps steps of the run, each with one loss
 * @param first the losses of the first steps, in order (all of them while the run is short)
 * @param recent the losses of the latest steps, in order, ending with the newest
 */
public record Losses(long steps, List<Float> first, List<Float> recent) {
    /** The mean of the first {@code n} losses (fewer while there are fewer). */
    public double meanOfFirst(int n) {
        return mean(first.subList(0, Math.min(n, first.size())));
    }

    /** The mean of the latest {@code n} losses (fewer while there are fewer). */
    public double meanOfLast(int n) {
        return mean(recent.subList(Math.max(0, recent.size() - n), recent.size()));
    }

    private static double mean(List<Float> values) {
        return values.stream().mapToDouble(Float::doubleValue).average().orElse(Double.NaN);
    }
}
