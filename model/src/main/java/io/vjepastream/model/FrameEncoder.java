package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The contract of every encoder type: frames [N, C, H, W] in, layer-normed tokens [N, T, width] out. An
 * encoder says how its frames become tokens; the final LayerNorm, which every target and prediction is
 * compared after, is applied here.
 */
abstract class FrameEncoder extends AbstractBlock {
    /** The tokens of {@code frames}, before the final norm. */
    abstract NDArray tokens(ParameterStore store, NDArray frames, boolean training);

    /** The final norm, a child block of the encoder (added last, so parameter order is the encoder's own). */
    abstract LayerNorm finalNorm();

    @Override
    protected final NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return finalNorm().forward(store, new NDList(tokens(store, inputs.singletonOrThrow(), training)), training);
    }
}
