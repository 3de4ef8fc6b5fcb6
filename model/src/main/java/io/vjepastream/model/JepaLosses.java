package io.vjepastream.model;

import ai.djl.ndarray.NDArray;

/**
 * The distances and the target normalisation of the JEPA objective.
 *
 * <p>Results live on the manager of the first argument, so callers pass step-scoped arrays.
 */
final class JepaLosses {
    /** PyTorch's default epsilon for layer_norm. */
    static final float NORM_EPSILON = 1e-5f;

    private JepaLosses() {
    }

    /** @return mean absolute difference over every element, a scalar */
    static NDArray l1(NDArray prediction, NDArray target) {
        return prediction.sub(target).abs().mean();
    }

    /** @return mean squared difference over every element, a scalar */
    static NDArray mse(NDArray prediction, NDArray target) {
        return prediction.sub(target).square().mean();
    }

    /** @return the configured distance averaged over every element (tokens and dimensions), a scalar */
    static NDArray distance(LossType type, NDArray prediction, NDArray target) {
        return type == LossType.L2 ? mse(prediction, target) : l1(prediction, target);
    }

    /** @return the configured distance per token, averaged over the last axis: [..., D] -> [...] */
    static NDArray perToken(LossType type, NDArray prediction, NDArray target) {
        return type == LossType.L2 ? prediction.sub(target).square().mean(new int[] {-1})
                : l1PerToken(prediction, target);
    }

    /** @return mean absolute difference over the last axis: [..., D] -> [...] */
    static NDArray l1PerToken(NDArray prediction, NDArray target) {
        return prediction.sub(target).abs().mean(new int[] {-1});
    }

    /**
     * Normalises each token over its features (mean 0, variance 1, no affine), as V-JEPA does with
     * its targets so that their scale cannot drift to make the loss trivially small.
     *
     * @param tokens [..., D]
     * @return the same shape
     */
    static NDArray tokenLayerNorm(NDArray tokens) {
        NDArray centered = tokens.sub(tokens.mean(new int[] {-1}, true));
        NDArray variance = centered.square().mean(new int[] {-1}, true);
        return centered.div(variance.add(NORM_EPSILON).sqrt());
    }
}
