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
    /**
     * Added to each dimension's variance over a pair's tokens before dividing by it, so that a
     * dimension in which every token is alike (variance near 0) cannot blow a tiny error up without
     * bound: a spread well below 0.03 counts as about 0.03 (layer-normed tokens have unit variance over
     * their dimensions). Measured on a {@code vjepa eval} model and two held-out clips: at 1e-4 the
     * energy of a predictor fed the target encoder's context ({@link ContextEncoder#TARGET}, the
     * embedder's default) magnifies that encoder's small offsets from the online one and misses
     * teleports (AUROC 0.79 and 0.72 against 0.97 and 0.86 at 1e-3); at 1e-2 vanishings fade back
     * towards the training distance (0.72 and 0.50 against 0.85 and 0.59).
     */
    static final float SPREAD_FLOOR = 1e-3f;

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

    /**
     * The configured distance with each target token's error weighted by how much that token changes
     * from the newest context frame: weight {@code (1 + w * c_k / mean(c)) / (1 + w)}, where {@code c_k}
     * is the token's L1 distance from its persistence forecast. On a still background most tokens
     * change little, so with uniform weights they dominate the loss and the cheapest predictor is
     * one that foresees no motion. The weights carry no gradient.
     *
     * @param persistence the persistence forecast at the target places [B, K, D]
     * @param weight {@code w}; 0 weighs every token 1, as {@link #distance} does
     * @return a scalar
     */
    static NDArray changeWeighted(LossType type, NDArray prediction, NDArray target, NDArray persistence, float weight) {
        NDArray change = l1PerToken(persistence, target).stopGradient();
        NDArray weights = change.div(change.mean().add(NORM_EPSILON)).mul(weight).add(1f).div(1f + weight);
        return perToken(type, prediction, target).mul(weights).mean();
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
     * The error of each predicted token in units of the spread of a pair's tokens: for pair b, token k
     * and dimension d, {@code z = (p[b,k,d] - t[b,k,d]) / sqrt(var_n(s[b,:,d]) + SPREAD_FLOOR)}, where
     * the variance is taken over the pair's N tokens in {@code spread}; the result is the mean of
     * {@code z^2} over d. With a single spread token the variance is 0 and this is the mean squared
     * error over {@link #SPREAD_FLOOR}.
     *
     * @param prediction [B, K, D]
     * @param target [B, K, D], normally layer-normed
     * @param spread [B, N, D]: the tokens whose variation is the unit, normally the pair's layer-normed
     *     context and target tokens together, so that an object that leaves a frame is measured against
     *     the pair in which it was seen, not against the now empty frame alone
     * @return [B, K]
     */
    static NDArray standardisedSquaredError(NDArray prediction, NDArray target, NDArray spread) {
        NDArray centred = spread.sub(spread.mean(new int[] {1}, true));
        NDArray variance = centred.square().mean(new int[] {1}, true);
        return prediction.sub(target).square().div(variance.add(SPREAD_FLOOR)).mean(new int[] {-1});
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
