package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over a token sequence: [B, T, D] -> [B, T, D].
 *
 * <p>One Linear makes queries, keys and values for all heads; the heads are folded into the batch so
 * that two batched matrix products (3-D, which is what PyTorch's bmm takes) do the attention.
 */
final class SelfAttention extends AbstractBlock {
    private final int width;
    private final int heads;
    private final Linear qkv;
    private final Linear projection;

    SelfAttention(int width, int heads) {
        this.width = width;
        this.heads = heads;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
        projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        long headWidth = width / heads;
        // [B, T, 3D] -> three [B, T, D] views -> each [B * H, T, Dh]. Splitting (rather than selecting from
        // one [3, B, H, T, Dh] tensor) keeps the backward pass to one concatenation instead of three
        // zero-filled copies of the whole tensor.
        NDList qkvParts = qkv.forward(store, inputs, training).singletonOrThrow().split(3, 2);
        // Scaling the queries costs T x Dh multiplications; scaling the scores would cost T x T.
        NDArray q = heads(qkvParts.get(0), batch, tokens, headWidth).mul(1.0 / Math.sqrt(headWidth));
        NDArray k = heads(qkvParts.get(1), batch, tokens, headWidth);
        NDArray v = heads(qkvParts.get(2), batch, tokens, headWidth);
        NDArray scores = q.batchMatMul(k.transpose(0, 2, 1));
        NDArray mixed = scores.softmax(-1).batchMatMul(v)
                .reshape(batch, heads, tokens, headWidth)
                .transpose(0, 2, 1, 3)
                .reshape(batch, tokens, width);
        return projection.forward(store, new NDList(mixed), training);
    }

    /** [B, T, H * Dh] -> [B * H, T, Dh] */
    private NDArray heads(NDArray x, long batch, long tokens, long headWidth) {
        return x.reshape(batch, tokens, heads, headWidth).transpose(0, 2, 1, 3).reshape(batch * heads, tokens, headWidth);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        projection.initialize(manager, dataType, inputShapes[0]);
    }
}
