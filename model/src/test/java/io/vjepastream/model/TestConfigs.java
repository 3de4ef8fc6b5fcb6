package io.vjepastream.model;

/** Model configurations small enough for unit tests on two busy cores. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** 32 x 32 frames, 4 x 4 tokens, a 2-deep 64-wide encoder and a 2-deep 32-wide predictor. */
    static JepaConfig small() {
        return JepaConfig.builder().imageSize(32).patchSize(8)
                .encoderWidth(64).encoderDepth(2).encoderHeads(2)
                .predictorWidth(32).predictorDepth(2).predictorHeads(2)
                .build();
    }
}
