package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * One optimiser step over the trainable weights: clip the gradients by their global L2 norm, then
 * AdamW (betas 0.9/0.999, epsilon 1e-8, decoupled weight decay) at the rate of the
 * {@link LearningRateSchedule}.
 *
 * <p>Weight decay goes to matrices and embeddings, none to biases and LayerNorm scales and shifts
 * (the two parameter groups of the reference recipe). The global-norm clip is the PyTorch
 * {@code clip_grad_norm_} behaviour of the reference. The moments are kept here (not inside a DJL
 * optimiser) so that a checkpoint can store and restore them; the update zeroes each gradient after
 * using it.
 */
final class ParameterUpdater {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters;
    private final LearningRateSchedule schedule;
    private final float weightDecay;
    private final float clipNorm;
    private final NDArray[] first;
    private final NDArray[] second;
    private long updates;
    private long adamSteps;
    private long warmupOrigin;
    private double scale = 1.0;
    private double lastGradientNorm;
    private double lastRate;

    ParameterUpdater(List<Parameter> parameters, JepaConfig config) {
        this(parameters, config, 0);
    }

    /** @param completedUpdates updates made before (a restored trainer's step count) */
    ParameterUpdater(List<Parameter> parameters, JepaConfig config, long completedUpdates) {
        this.parameters = List.copyOf(parameters);
        this.schedule = new LearningRateSchedule(config);
        this.weightDecay = config.weightDecay();
        this.clipNorm = config.gradientClip();
        this.first = new NDArray[this.parameters.size()];
        this.second = new NDArray[this.parameters.size()];
        this.updates = completedUpdates;
        // fresh moments after a restore need the warm-up again
        this.warmupOrigin = completedUpdates;
    }

    /** @return whether the weight takes weight decay (not biases, not LayerNorm gamma/beta, not vectors) */
    static boolean decays(Parameter parameter) {
        Parameter.Type type = parameter.getType();
        boolean normOrBias = type == Parameter.Type.BIAS || type == Parameter.Type.GAMMA || type == Parameter.Type.BETA;
        return !normOrBias && parameter.getArray().getShape().dimension() > 1;
    }

    /**
     * Applies the collected gradients.
     *
     * @param step the manager of this step; every temporary is attached to it so they close with it
     */
    void update(NDManager step) {
        NDArray[] gradients = new NDArray[parameters.size()];
        NDList squares = new NDList(gradients.length);
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = parameters.get(i).getArray().getGradient();
            gradients[i].attach(step);
            squares.add(gradients[i].square().sum());
        }
        // One read back to the JVM per step, not one per weight.
        lastGradientNorm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        float clip = lastGradientNorm > clipNorm ? (float) (clipNorm / (lastGradientNorm + 1e-6)) : 1f;
        updates++;
        adamSteps++;
        lastRate = schedule.rate(updates, warmupOrigin) * scale;
        double correction1 = 1 - Math.pow(BETA1, adamSteps);
        double root2 = Math.sqrt(1 - Math.pow(BETA2, adamSteps));
        // The engine's fused update computes w -= m * c / (sqrt(v) + e). With c = rate * sqrt(1 - b2^t) / (1 - b1^t)
        // and e = epsilon * sqrt(1 - b2^t) that is exactly AdamW's m_hat / (sqrt(v_hat) + epsilon) step.
        float corrected = (float) (lastRate * root2 / correction1);
        float epsilon = (float) (EPSILON * root2);
        for (int i = 0; i < gradients.length; i++) {
            Parameter parameter = parameters.get(i);
            // a detached view shares the weight's storage, so in-place updates need no grad-mode care
            NDArray weight = parameter.getArray().stopGradient();
            weight.attach(step);
            if (first[i] == null) {
                first[i] = parameter.getArray().getManager().zeros(weight.getShape());
                second[i] = parameter.getArray().getManager().zeros(weight.getShape());
            }
            float decay = decays(parameter) ? weightDecay : 0f;
            // One native call per weight instead of a dozen tensor ops: scale the gradient by the clip factor,
            // decay the weight (decoupled, AdamW), update both moments and the weight. A negative clip value
            // turns off the engine's element-wise clamp; the global-norm clip is the factor.
            weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradients[i], first[i], second[i]),
                    new NDList(weight), (float) lastRate, corrected, decay, clip, -1f, BETA1, BETA2, epsilon, false,
                    true);
            gradients[i].set(new NDIndex(":"), 0f);
        }
    }

    /** Clears the collected gradients without updating (used when a step's loss is not finite). */
    void discard(NDManager step) {
        for (Parameter parameter : parameters) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.attach(step);
            gradient.set(new NDIndex(":"), 0f); // in place; also clears NaN, which subtracting would not
        }
    }

    /** @return the global gradient norm of the last update, before clipping */
    double lastGradientNorm() {
        return lastGradientNorm;
    }

    /** @return the learning rate of the last update, scale included */
    double lastRate() {
        return lastRate;
    }

    /** @return the learning rate the next update will use */
    double nextRate() {
        return schedule.rate(updates + 1, warmupOrigin) * scale;
    }

    double scale() {
        return scale;
    }

    void scale(double newScale) {
        scale = newScale;
    }

    long adamSteps() {
        return adamSteps;
    }

    long warmupOrigin() {
        return warmupOrigin;
    }

    /** @return the first then the second moments, zeros for weights not yet updated; on {@code manager} */
    NDList moments(NDManager manager) {
        NDList list = new NDList();
        for (NDArray[] moments : List.of(first, second)) {
            for (int i = 0; i < moments.length; i++) {
                NDArray value = moments[i] != null ? moments[i].duplicate()
                        : manager.zeros(parameters.get(i).getArray().getShape());
                value.attach(manager);
                list.add(value);
            }
        }
        return list;
    }

    /**
     * Restores moments written by {@link #moments(NDManager)}.
     *
     * @throws IllegalArgumentException if their number or shapes do not fit the weights
     */
    void restore(NDList moments, long restoredAdamSteps, long restoredWarmupOrigin, double restoredScale) {
        int n = parameters.size();
        if (moments.size() != 2 * n) {
            throw new IllegalArgumentException(
                    moments.size() + " optimiser moments for " + n + " weights, expected " + 2 * n);
        }
        for (int i = 0; i < 2 * n; i++) {
            Parameter parameter = parameters.get(i % n);
            NDArray value = moments.get(i);
            if (!value.getShape().equals(parameter.getArray().getShape())) {
                throw new IllegalArgumentException("optimiser moment " + i + " has shape " + value.getShape()
                        + ", but weight " + parameter.getName() + " has " + parameter.getArray().getShape());
            }
            value.attach(parameter.getArray().getManager());
            (i < n ? first : second)[i % n] = value;
        }
        adamSteps = restoredAdamSteps;
        warmupOrigin = restoredWarmupOrigin;
        scale = restoredScale;
    }
}
