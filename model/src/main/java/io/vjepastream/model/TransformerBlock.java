package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-LayerNorm ViT block: x + attention(norm(x)), then x + mlp(norm(x)) with a GELU MLP.
 *
 * <p>Pre-norm keeps the residual path an identity, which is what lets deep ViTs train without
 * warm-up tricks; DJL's own transformer block is post-norm, hence this class.
 */
final class TransformerBlock extends AbstractBlock {
    private final LayerNorm attentionNorm;
    private final SelfAttention attention;
    private final LayerNorm mlpNorm;
    private final Linear expand;
    private final Linear contract;
    private final float dropout;

    TransformerBlock(int width, int heads, int mlpRatio) {
        this(width, heads, mlpRatio, 0f);
    }

    /** @param dropout the rate at which each residual branch's outputs are dropped while training */
    TransformerBlock(int width, int heads, int mlpRatio, float dropout) {
        this.dropout = dropout;
        attentionNorm = addChildBlock("attentionNorm", tokenNorm());
        attention = addChildBlock("attention", new SelfAttention(width, heads));
        mlpNorm = addChildBlock("mlpNorm", tokenNorm());
        expand = addChildBlock("expand", Linear.builder().setUnits((long) width * mlpRatio).build());
        contract = addChildBlock("contract", Linear.builder().setUnits(width).build());
    }

    /**
     * @return a LayerNorm over the feature axis of [B, T, D] tokens only (DJL's default spans all
     *     non-batch axes, and its axis list takes no negative indices)
     */
    static LayerNorm tokenNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(JepaLosses.NORM_EPSILON).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList normed = attentionNorm.forward(store, new NDList(x), training);
        x = x.add(drop(attention.forward(store, normed, training).singletonOrThrow(), training));
        NDList hidden = expand.forward(store, mlpNorm.forward(store, new NDList(x), training), training);
        NDArray activated = Activation.gelu(hidden.singletonOrThrow());
        NDArray mlp = contract.forward(store, new NDList(activated), training).singletonOrThrow();
        return new NDList(x.add(drop(mlp, training)));
    }

    private NDArray drop(NDArray branch, boolean training) {
        return training && dropout > 0 ? Dropout.dropout(branch, dropout, true).singletonOrThrow() : branch;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        attentionNorm.initialize(manager, dataType, in);
        attention.initialize(manager, dataType, in);
        mlpNorm.initialize(manager, dataType, in);
        expand.initialize(manager, dataType, in);
        contract.initialize(manager, dataType, expand.getOutputShapes(new Shape[] {in})[0]);
    }
}
