package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Which context token each target token starts from: the newest context frame's token at the same
 * place of the grid, or none where the mask hides that token. Both the predictor's context queries
 * and the residual base (the persistence forecast) read the pair through this one selection.
 *
 * <p>The selection is a one-hot matrix [B, Kt, Kc] over the context tokens, so that picking is a
 * batched matrix product: a row without a one (a hidden place) picks zeros, and the gradient reaches
 * whatever the selection multiplies.
 */
final class NewestContextSelection {
    private NewestContextSelection() {
    }

    /**
     * @param contextPositions each pair's context token positions [B, Kc] (int64), frames first
     * @param targetPositions each pair's target token positions [B, Kt] (int64)
     * @param config the token grid: tokens per frame and context frames
     * @return [B, Kt, Kc] float32: 1 where the context token lies in the newest context frame at the
     *     target token's place, 0 elsewhere
     */
    static NDArray of(NDArray contextPositions, NDArray targetPositions, JepaConfig config) {
        long batch = targetPositions.getShape().get(0);
        long targets = targetPositions.getShape().get(1);
        long contexts = contextPositions.getShape().get(1);
        int perFrame = config.tokensPerFrame();
        long newestStart = (long) (config.contextFrames() - 1) * perFrame;
        NDArray sources = targetPositions.mod(perFrame).add(newestStart).reshape(batch, targets, 1);
        return contextPositions.reshape(batch, 1, contexts).eq(sources).toType(DataType.FLOAT32, false);
    }
}
