package io.vjepastream.model;

import ai.djl.ndarray.NDArray;

/**
 * Picks the views of the configured auxiliary loss from the online encoder's context tokens: the
 * newest context frame is view a, the one before it view b (with one context frame, b = a, so Barlow
 * Twins becomes an auto-correlation). With {@link AuxViews#POOLED} each frame's tokens are mean-pooled
 * and the samples are the pairs; with {@link AuxViews#TOKENS} every token is a sample, and view b's
 * token at the same place pairs with view a's.
 */
final class AuxiliaryObjective {
    /**
     * @param loss the unweighted auxiliary loss, a scalar on the step's manager
     * @param batchMean for DINO, the batch mean of view a (detached), to move the centre after the step; else null
     */
    record Result(NDArray loss, float[] batchMean) {
    }

    private AuxiliaryObjective() {
    }

    /**
     * @param onlineContext [B, contextFrames, tokensPerFrame, D] online tokens, or null
     * @param dinoCentre the current DINO centre, or null before the first update (zeros)
     * @return null when there is no auxiliary loss, no online tokens, or fewer than two pairs (the
     *     batch statistics need two)
     */
    static Result compute(JepaConfig config, NDArray onlineContext, float[] dinoCentre) {
        if (config.auxLoss() == AuxLossType.NONE || onlineContext == null || onlineContext.getShape().get(0) < 2) {
            return null;
        }
        NDArray a;
        NDArray b;
        if (config.auxViews() == AuxViews.TOKENS) {
            long width = onlineContext.getShape().get(3);
            a = onlineContext.get(":, -1, :, :").reshape(-1, width);
            b = config.contextFrames() >= 2 ? onlineContext.get(":, -2, :, :").reshape(-1, width) : a;
        } else {
            NDArray pooled = onlineContext.mean(new int[] {2});
            a = pooled.get(":, -1, :");
            b = config.contextFrames() >= 2 ? pooled.get(":, -2, :") : a;
        }
        return switch (config.auxLoss()) {
            case VICREG -> new Result(AuxLosses.vicreg(a, b, config.vicregSimCoeff(), config.vicregStdCoeff(),
                    config.vicregCovCoeff()), null);
            case BARLOW_TWINS -> new Result(AuxLosses.barlowTwins(a, b, config.barlowLambda()), null);
            case DINO -> {
                float[] centre = dinoCentre != null ? dinoCentre : new float[config.encoderWidth()];
                NDArray mean = a.mean(new int[] {0}).stopGradient();
                yield new Result(AuxLosses.dino(a, a.getManager().create(centre)), mean.toFloatArray());
            }
            case NONE -> null;
        };
    }
}
