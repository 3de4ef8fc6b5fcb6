package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.util.List;

/**
 * One optimiser step over the trainable weights: clip the gradients by their global L2 norm, then
 * AdamW (betas 0.9/0.999) with a linear learning-rate warm-up followed by a constant rate.
 *
 * <p>Two AdamW instances form the two parameter groups of the reference recipe: weight decay on
 * matrices and embeddings, none on biases and LayerNorm scales and shifts (DJL's optimiser has no
 * per-parameter decay, so the grouping is done here). DJL's own {@code optClipGrad} clips each
 * element; the global-norm clip here is the PyTorch {@code clip_grad_norm_} behaviour of the
 * reference. The AdamW update zeroes each gradient after using it.
 */
final class ParameterUpdater {
    private final List<Parameter> parameters;
    private final Optimizer decayed;
    private final Optimizer undecayed;
    private final float clipNorm;
    private double lastGradientNorm;

    ParameterUpdater(List<Parameter> parameters, JepaConfig config) {
        this.parameters = List.copyOf(parameters);
        ParameterTracker schedule = warmUpThenConstant(config.learningRate(), config.warmupSteps());
        decayed = Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(config.weightDecay()).build();
        undecayed = Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(0f).build();
        clipNorm = config.gradientClip();
    }

    /**
     * @return the learning rate at update {@code t} (counted from 1): rising linearly to
     *     {@code rate} over {@code warmup} updates, then constant
     */
    static ParameterTracker warmUpThenConstant(float rate, int warmup) {
        return (parameterId, t) -> warmup <= 0 ? rate : rate * Math.min(1f, (float) t / warmup);
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
     * @param step the manager of this step; gradient views are attached to it so they close with it
     */
    void update(NDManager step) {
        NDArray[] gradients = new NDArray[parameters.size()];
        double squares = 0;
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = parameters.get(i).getArray().getGradient();
            gradients[i].attach(step);
            squares += gradients[i].square().sum().getFloat();
        }
        lastGradientNorm = Math.sqrt(squares);
        if (lastGradientNorm > clipNorm) {
            float scale = (float) (clipNorm / (lastGradientNorm + 1e-6));
            for (NDArray gradient : gradients) {
                gradient.muli(scale);
            }
        }
        for (int i = 0; i < gradients.length; i++) {
            Parameter parameter = parameters.get(i);
            Optimizer optimizer = decays(parameter) ? decayed : undecayed;
            optimizer.update(parameter.getId(), parameter.getArray(), gradients[i]);
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
}
