package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Which samples the auxiliary loss sees: pooled frames or every token. */
class AuxiliaryObjectiveTest {
    private static final JepaConfig VICREG = JepaConfig.builder().imageSize(16).patchSize(8)
            .encoderWidth(4).encoderHeads(1).predictorWidth(4).predictorHeads(1)
            .auxLoss(AuxLossType.VICREG).vicregStdCoeff(1f).vicregCovCoeff(0f).build();

    /**
     * Two pairs, two context frames, two tokens of width 4 per frame; every frame holds the tokens
     * +v and -v, so each frame pools to zero.
     */
    private static NDArray opposedTokens(NDManager manager) {
        float[] v = {3, 3, 3, 3};
        float[] values = new float[2 * 2 * 2 * 4];
        for (int frame = 0; frame < 4; frame++) {
            for (int d = 0; d < 4; d++) {
                values[frame * 8 + d] = v[d];
                values[frame * 8 + 4 + d] = -v[d];
            }
        }
        return manager.create(values, new Shape(2, 2, 2, 4));
    }

    @Test
    void pooledViewsSeeFramesThatAllLookAlike() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float loss = AuxiliaryObjective.compute(VICREG, opposedTokens(manager), null).loss().getFloat();
            // every pooled frame is zero: the hinge is 1 - sqrt(0 + eps) in every dimension
            assertEquals(1f - (float) Math.sqrt(AuxLosses.VARIANCE_EPSILON), loss, 1e-6f);
        }
    }

    @Test
    void tokenViewsSeeTheTokensApart() {
        JepaConfig tokens = VICREG.toBuilder().auxViews(AuxViews.TOKENS).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            float loss = AuxiliaryObjective.compute(tokens, opposedTokens(manager), null).loss().getFloat();
            // four samples +3 and -3 per dimension: unbiased std = sqrt(36 / 3) > 1, so no hinge
            assertEquals(0f, loss, 1e-6f);
        }
    }

    @Test
    void noAuxiliaryLossNoResult() {
        JepaConfig none = VICREG.toBuilder().auxLoss(AuxLossType.NONE).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertNull(AuxiliaryObjective.compute(none, opposedTokens(manager), null));
        }
    }
}
