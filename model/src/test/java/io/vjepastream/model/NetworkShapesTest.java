package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkShapesTest {
    @Test
    void defaultEncoderAndPredictorProduceTokenGrids() {
        JepaConfig config = JepaConfig.defaults();
        try (JepaNetworks networks = JepaNetworks.create(config); NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray frames = step.randomUniform(-1, 1, new Shape(3, 3, 64, 64));
            NDArray tokens = networks.online().forward(store, new NDList(frames), false).singletonOrThrow();
            assertEquals(new Shape(3, 64, 128), tokens.getShape());

            NDArray context = step.randomNormal(new Shape(2, 2 * 64, 128));
            NDArray predicted = networks.predictor().forward(store, new NDList(context), false).singletonOrThrow();
            assertEquals(new Shape(2, 64, 128), predicted.getShape());

            byte[] frame = new byte[config.frameBytes()];
            PairSample pair = new PairSample(java.util.List.of(frame, frame), java.util.List.of(frame));
            JepaForward.Output out = JepaForward.run(networks, store, step, java.util.List.of(pair, pair), false, true);
            assertEquals(new Shape(2, 64, 128), out.predicted().getShape());
            assertEquals(new Shape(2, 64, 128), out.targets().getShape());
            assertEquals(new Shape(2, 2, 64, 128), out.onlineContext().getShape());
        }
    }

    @Test
    void everyEncoderAtTheDefaultSizeAndAtDepthZero() {
        // Depth 0 keeps each token to its own patch; the token grid stays the same.
        for (EncoderType type : EncoderType.values()) {
          for (int depth : new int[] {JepaConfig.defaults().encoderDepth(), 0}) {
            JepaConfig config = JepaConfig.builder().encoderType(type).encoderDepth(depth).build();
            try (JepaNetworks networks = JepaNetworks.create(config); NDManager step = networks.newStepManager()) {
                ParameterStore store = new ParameterStore(step, false);
                NDArray frames = step.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
                NDArray tokens = networks.online().forward(store, new NDList(frames), false).singletonOrThrow();
                assertEquals(new Shape(2, config.tokensPerFrame(), 128), tokens.getShape(), type.key() + " " + depth);
                networks.checkShapes();
            }
          }
        }
    }

    @Test
    void finalEncoderNormIsPerToken() {
        JepaConfig config = TestConfigs.small();
        try (JepaNetworks networks = JepaNetworks.create(config); NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray frames = step.randomUniform(-1, 1, new Shape(2, 3, 32, 32));
            NDArray tokens = networks.online().forward(store, new NDList(frames), false).singletonOrThrow();
            // LayerNorm gamma 1 / beta 0 at initialisation: every token has mean 0 over its features
            float[] means = tokens.mean(new int[] {2}).toFloatArray();
            assertEquals(2 * 16, means.length);
            for (float mean : means) {
                assertEquals(0f, mean, 1e-4f);
            }
        }
    }

    @Test
    void targetEncoderStartsEqualToOnlineEncoder() {
        try (JepaNetworks networks = JepaNetworks.create(TestConfigs.small())) {
            var online = networks.online().getParameters().values();
            var target = networks.target().getParameters().values();
            assertEquals(online.size(), target.size());
            for (int i = 0; i < online.size(); i++) {
                assertArrayEquals(online.get(i).getArray().toFloatArray(), target.get(i).getArray().toFloatArray(),
                        online.get(i).getName());
            }
        }
    }

    @Test
    void sinCosCodesEncodeRowThenColumn() {
        float[] codes = PositionCodes.sinCos2d(8, 3);
        assertEquals(9 * 8, codes.length);
        // token (row 0, col 0): sin 0 = 0 and cos 0 = 1 for both halves
        assertEquals(0f, codes[0]);
        assertEquals(1f, codes[2]);
        // token (row 1, col 2), first frequency (omega = 1): sin(1), cos(1); sin(2), cos(2)
        int base = (1 * 3 + 2) * 8;
        assertEquals((float) Math.sin(1), codes[base], 1e-6f);
        assertEquals((float) Math.cos(1), codes[base + 2], 1e-6f);
        assertEquals((float) Math.sin(2), codes[base + 4], 1e-6f);
        assertEquals((float) Math.cos(2), codes[base + 6], 1e-6f);
    }
}
