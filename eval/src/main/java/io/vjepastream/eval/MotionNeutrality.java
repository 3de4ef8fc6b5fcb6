package io.vjepastream.eval;

import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Whether an energy rises with ordinary motion: among the normal pairs of a clip, the Spearman rank
 * correlation of the energy with how far the objects moved. A change detector scores strongly
 * positive (the faster things move, the more the picture changes); a model that expects the motion
 * scores near 0, since motion it foresees costs it nothing.
 */
public final class MotionNeutrality {
    private MotionNeutrality() {
    }

    /**
     * @param energies one per pair of {@code pairs}
     * @return Spearman's rho over the normal pairs; NaN with fewer than three of them or no variation
     */
    public static double of(double[] energies, List<LabelledPair> pairs) {
        if (energies.length != pairs.size()) {
            throw new IllegalArgumentException(energies.length + " energies for " + pairs.size() + " pairs");
        }
        int normal = (int) pairs.stream().filter(LabelledPair::normal).count();
        double[] energy = new double[normal];
        double[] moved = new double[normal];
        int j = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).normal()) {
                energy[j] = energies[i];
                moved[j] = pairs.get(i).displacement();
                j++;
            }
        }
        if (normal < 3) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(energy, moved);
    }
}
