package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.Arrays;
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
 *
 * <p>The moments of all weights live in two flat vectors, and the gradients are concatenated into a
 * third, so that the Adam arithmetic is a handful of large operations rather than a dozen small ones
 * per weight: the default model has 70-odd weights, most of them small, and per-call overhead
 * dominated their update.
 */
final class ParameterUpdater {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters;
    private final LearningRateSchedule schedule;
    private final float weightDecay;
    private final float clipNorm;
    /** Where each weight starts in the flat vectors; the last entry is their total length. */
    private final long[] offsets;
    private NDArray first;
    private NDArray second;
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
        this.offsets = new long[this.parameters.size() + 1];
        for (int i = 0; i < this.parameters.size(); i++) {
            offsets[i + 1] = offsets[i] + this.parameters.get(i).getArray().size();
        }
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
        int n = parameters.size();
        NDArray[] gradients = new NDArray[n];
        NDList flat = new NDList(n);
        for (int i = 0; i < n; i++) {
            gradients[i] = parameters.get(i).getArray().getGradient();
            gradients[i].attach(step);
            flat.add(gradients[i].reshape(-1));
        }
        NDArray gradient = NDArrays.concat(flat);
        // Squared once: for the norm (one read back to the JVM per step) and, scaled by the clip, the second moment.
        NDArray squared = gradient.square();
        lastGradientNorm = Math.sqrt(squared.sum().getFloat());
        float clip = lastGradientNorm > clipNorm ? (float) (clipNorm / (lastGradientNorm + 1e-6)) : 1f;
        updates++;
        adamSteps++;
        lastRate = schedule.rate(updates, warmupOrigin) * scale;
        if (first == null) {
            NDManager owner = parameters.get(0).getArray().getManager();
            first = owner.zeros(new Shape(offsets[n]));
            second = owner.zeros(new Shape(offsets[n]));
        }
        if (clip != 1f) {
            gradient.muli(clip);
        }
        first.muli(BETA1).addi(gradient.mul(1 - BETA1));
        second.muli(BETA2).addi(squared.muli((1 - BETA2) * clip * clip));
        // w -= c * m / (sqrt(v) + e) with c = rate * sqrt(1 - b2^t) / (1 - b1^t) and e = epsilon * sqrt(1 - b2^t)
        // is exactly AdamW's rate * m_hat / (sqrt(v_hat) + epsilon) step.
        double root2 = Math.sqrt(1 - Math.pow(BETA2, adamSteps));
        float corrected = (float) (lastRate * root2 / (1 - Math.pow(BETA1, adamSteps)));
        NDArray denominator = second.sqrt();
        denominator.attach(step);
        denominator.addi((float) (EPSILON * root2));
        NDArray change = first.div(denominator);
        change.attach(step);
        change.muli(corrected);
        NDList changes = change.split(Arrays.copyOfRange(offsets, 1, n), 0);
        float decayFactor = (float) (1 - lastRate * weightDecay);
        for (int i = 0; i < n; i++) {
            Parameter parameter = parameters.get(i);
            // a detached view shares the weight's storage, so in-place updates need no grad-mode care
            NDArray weight = parameter.getArray().stopGradient();
            weight.attach(step);
            if (decays(parameter)) {
                weight.muli(decayFactor); // decoupled decay, before the Adam step as in AdamW
            }
            weight.subi(changes.get(i).reshape(weight.getShape()));
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

    /** @return the first then the second moments, one array per weight (zeros before any update); on {@code manager} */
    NDList moments(NDManager manager) {
        NDList list = new NDList();
        for (NDArray moments : new NDArray[] {first, second}) {
            for (int i = 0; i < parameters.size(); i++) {
                Shape shape = parameters.get(i).getArray().getShape();
                if (moments == null) {
                    list.add(manager.zeros(shape));
                    continue;
                }
                NDArray slice = moments.get(new NDIndex("{}:{}", offsets[i], offsets[i + 1]));
                slice.attach(manager); // the view would otherwise live as long as the moments
                list.add(slice.reshape(shape).duplicate());
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
        NDList firsts = new NDList(n);
        NDList seconds = new NDList(n);
        for (int i = 0; i < 2 * n; i++) {
            Parameter parameter = parameters.get(i % n);
            NDArray value = moments.get(i);
            if (!value.getShape().equals(parameter.getArray().getShape())) {
                throw new IllegalArgumentException("optimiser moment " + i + " has shape " + value.getShape()
                        + ", but weight " + parameter.getName() + " has " + parameter.getArray().getShape());
            }
            (i < n ? firsts : seconds).add(value.reshape(-1));
        }
        NDManager owner = parameters.get(0).getArray().getManager();
        first = NDArrays.concat(firsts);
        first.attach(owner);
        second = NDArrays.concat(seconds);
        second.attach(owner);
        adamSteps = restoredAdamSteps;
        warmupOrigin = restoredWarmupOrigin;
        scale = restoredScale;
    }
}
