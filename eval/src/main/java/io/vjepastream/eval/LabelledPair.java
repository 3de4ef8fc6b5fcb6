package io.vjepastream.eval;

import io.vjepastream.ingest.source.PlantedAnomaly;
import io.vjepastream.model.PairSample;

/**
 * A pair of a synthetic clip with its ground truth.
 *
 * @param sample the pixels
 * @param seconds time of the target frame
 * @param anomaly the planted anomaly that first shows in the target frame (it breaks the motion the
 *     context frames show), or null
 * @param inContext true when a rule break falls between the context frames instead: the context
 *     itself shows it, so the pair is neither a clean anomaly nor normal and measures leave it out
 * @param positions centres of every object in the target frame, x then y per object, as fractions of
 *     the frame side
 * @param displacement how far the objects moved from the newest context frame to the target frame:
 *     the mean distance of their centres, in pixels, over the objects visible in both
 */
public record LabelledPair(PairSample sample, double seconds, PlantedAnomaly anomaly, boolean inContext,
                           double[] positions, double displacement) {

    /** True for a pair whose frames follow the rules throughout. */
    public boolean normal() {
        return anomaly == null && !inContext;
    }


    /**
     * The pixel-difference energy: mean absolute difference between the target frame and the newest
     * context frame, in [0, 1]. The baseline a learned energy has to beat.
     */
    public double pixelDifference() {
        byte[] now = sample.context().get(sample.context().size() - 1);
        byte[] next = sample.target().get(0);
        long sum = 0;
        for (int i = 0; i < now.length; i++) {
            sum += Math.abs((now[i] & 0xFF) - (next[i] & 0xFF));
        }
        return sum / (255.0 * now.length);
    }
}
