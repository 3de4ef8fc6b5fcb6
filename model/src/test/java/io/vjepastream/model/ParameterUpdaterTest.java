package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterUpdaterTest {
    @Test
    void decayGoesToMatricesOnly() {
        try (NDManager manager = TorchRuntime.newManager()) {
            Linear linear = Linear.builder().setUnits(3).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 2));
            LayerNorm norm = TransformerBlock.tokenNorm();
            norm.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 2));
            for (var p : linear.getParameters()) {
                assertEquals(p.getValue().getType() == Parameter.Type.WEIGHT, ParameterUpdater.decays(p.getValue()),
                        p.getKey());
            }
            for (var p : norm.getParameters()) {
                assertFalse(ParameterUpdater.decays(p.getValue()), p.getKey());
            }
        }
    }

    @Test
    void firstAdamWStepMovesEachWeightByTheLearningRateWithDecoupledDecay() {
        JepaConfig config = JepaConfig.builder().learningRate(0.1f).warmupSteps(0).weightDecay(0.5f)
                .gradientClip(1f).build();
        try (NDManager manager = TorchRuntime.newManager()) {
            Linear linear = linearWith(manager, new float[] {1f, -1f}, 2f);
            List<Parameter> params = List.copyOf(linear.getParameters().values());
            ParameterUpdater updater = new ParameterUpdater(params, config);
            try (NDManager step = manager.newSubManager()) {
                backward(linear, step, new float[] {3f, 4f});
                updater.update(step);
            }
            // gradients: weight [3, 4], bias [1]; the norm is reported before clipping
            assertEquals(Math.sqrt(26), updater.lastGradientNorm(), 1e-5);
            // Adam's first step is lr * sign(g) whatever the clip; decay w *= 1 - lr * wd on the weight only
            assertArrayEquals(new float[] {1f * 0.95f - 0.1f, -1f * 0.95f - 0.1f},
                    params.get(0).getArray().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {2f - 0.1f}, params.get(1).getArray().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void threeStepsFollowTheAdamWFormulaWithBiasCorrectionAndClipping() {
        float lr = 0.01f;
        float decay = 0.1f;
        float clipNorm = 2f;
        JepaConfig config = JepaConfig.builder().learningRate(lr).warmupSteps(0).weightDecay(decay)
                .gradientClip(clipNorm).build();
        float[][] inputs = {{3f, 4f}, {0.5f, -0.25f}, {1e-4f, 2e-4f}};
        double[] w = {1.0, -1.0};
        double[] m = new double[2];
        double[] v = new double[2];
        try (NDManager manager = TorchRuntime.newManager()) {
            Linear linear = linearWith(manager, new float[] {(float) w[0], (float) w[1]}, 0f);
            List<Parameter> params = List.copyOf(linear.getParameters().values());
            ParameterUpdater updater = new ParameterUpdater(params, config);
            for (int t = 1; t <= inputs.length; t++) {
                float[] x = inputs[t - 1];
                try (NDManager step = manager.newSubManager()) {
                    backward(linear, step, x);
                    updater.update(step);
                }
                // d(sum(w . x + b))/dw = x, /db = 1; the global norm covers the bias gradient too
                double norm = Math.sqrt(x[0] * x[0] + x[1] * x[1] + 1);
                double clip = norm > clipNorm ? clipNorm / (norm + 1e-6) : 1;
                for (int j = 0; j < 2; j++) {
                    double g = x[j] * clip;
                    m[j] = 0.9 * m[j] + 0.1 * g;
                    v[j] = 0.999 * v[j] + 0.001 * g * g;
                    double mHat = m[j] / (1 - Math.pow(0.9, t));
                    double vHat = v[j] / (1 - Math.pow(0.999, t));
                    w[j] = w[j] * (1 - lr * decay) - lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
                float[] actual = params.get(0).getArray().toFloatArray();
                assertEquals(w[0], actual[0], 1e-6, "weight 0 after step " + t);
                assertEquals(w[1], actual[1], 1e-6, "weight 1 after step " + t);
            }
        }
    }

    @Test
    void discardClearsEvenNotANumberGradients() {
        try (NDManager manager = TorchRuntime.newManager()) {
            Linear linear = linearWith(manager, new float[] {1f, 1f}, 0f);
            List<Parameter> params = List.copyOf(linear.getParameters().values());
            ParameterUpdater updater = new ParameterUpdater(params, JepaConfig.defaults());
            try (NDManager step = manager.newSubManager()) {
                backward(linear, step, new float[] {Float.NaN, 1f});
                NDArray gradient = params.get(0).getArray().getGradient();
                gradient.attach(step);
                assertTrue(Float.isNaN(gradient.toFloatArray()[0]));
                updater.discard(step);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray gradient = params.get(0).getArray().getGradient();
                gradient.attach(step);
                assertArrayEquals(new float[] {0f, 0f}, gradient.toFloatArray());
            }
        }
    }

    private static Linear linearWith(NDManager manager, float[] weight, float bias) {
        Linear linear = Linear.builder().setUnits(1).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        List<Parameter> params = List.copyOf(linear.getParameters().values());
        params.get(0).getArray().set(FloatBuffer.wrap(weight));
        params.get(1).getArray().set(FloatBuffer.wrap(new float[] {bias}));
        return linear;
    }

    private static void backward(Linear linear, NDManager step, float[] input) {
        ParameterStore store = new ParameterStore(step, false);
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            NDArray x = step.create(input, new Shape(1, 2));
            collector.backward(linear.forward(store, new NDList(x), true).singletonOrThrow().sum());
        }
    }
}
