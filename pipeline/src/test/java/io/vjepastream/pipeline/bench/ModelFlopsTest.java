package io.vjepastream.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaConfig;
import org.junit.jupiter.api.Test;

class ModelFlopsTest {
    /** 16 x 16 frames, patch 8: 4 tokens a frame; encoder 8 wide, predictor 4 wide, MLP ratio 2, one block each. */
    private static final JepaConfig TINY = JepaConfig.builder().imageSize(16).patchSize(8).encoderWidth(8)
            .encoderDepth(1).encoderHeads(1).mlpRatio(2).predictorWidth(4).predictorDepth(1).predictorHeads(1).build();

    @Test
    void countsByHand() {
        // block(4 tokens, width 8, ratio 2): projections 2*4*8*8*4 = 2048, MLP 2*4*8*16*2 = 2048, attention 2*4*4*8*2 = 512
        assertEquals(4608, ModelFlops.block(4, 8, 2));
        // patch embedding 2*4*(8*8*3)*8 = 12288, plus one block
        assertEquals(16896, ModelFlops.encoderForward(TINY));
        // embed 2*8*8*4 = 512; block over 12 tokens of width 4: 1536 + 1536 + 2304 = 5376; head 2*12*4*8 = 768
        assertEquals(6656, ModelFlops.predictorForward(TINY));
        // 3 pairs: 3 * (3 * (2 encoder frames + predictor) + 1 target frame forward)
        assertEquals(3 * (3 * (2 * 16896 + 6656) + 16896), ModelFlops.trainingStep(TINY, 3));
    }

    @Test
    void theDefaultModelCostsGigaflopsPerStep() {
        double gflop = ModelFlops.trainingStep(JepaConfig.defaults(), 16) / 1e9;
        // 3 blocks of 128 wide over 64 tokens is about 0.08 GFLOP a frame forward; 16 pairs train 48
        // frames (forward and backward) plus the predictor.
        assertTrue(gflop > 8 && gflop < 25, "GFLOP per step " + gflop);
    }
}
