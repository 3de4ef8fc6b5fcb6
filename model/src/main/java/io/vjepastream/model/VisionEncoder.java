package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * A ViT encoder: frames [N, 3, H, W] -> patch tokens [N, grid * grid, width].
 *
 * <p>A Conv2d with kernel = stride = patch embeds each patch; fixed 2-D sine-cosine codes give the
 * tokens their place; pre-LN transformer blocks and a final LayerNorm follow. Tokens are row-major.
 */
final class VisionEncoder extends FrameEncoder {
    private final int width;
    private final int tokens;
    private final float[] positions;
    private final Conv2d patchEmbedding;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;

    VisionEncoder(JepaConfig config) {
        width = config.encoderWidth();
        tokens = config.tokensPerFrame();
        positions = PositionCodes.sinCos2d(width, config.gridSize());
        Shape patch = new Shape(config.patchSize(), config.patchSize());
        patchEmbedding = addChildBlock("patchEmbedding",
                Conv2d.builder().setKernelShape(patch).optStride(patch).setFilters(width).build());
        for (int i = 0; i < config.encoderDepth(); i++) {
            blocks.add(addChildBlock("block" + i,
                    new TransformerBlock(width, config.encoderHeads(), config.mlpRatio())));
        }
        finalNorm = addChildBlock("finalNorm", TransformerBlock.tokenNorm());
    }

    @Override
    LayerNorm finalNorm() {
        return finalNorm;
    }

    @Override
    NDArray tokens(ParameterStore store, NDArray frames, boolean training) {
        long n = frames.getShape().get(0);
        NDArray grid = patchEmbedding.forward(store, new NDList(frames), training).singletonOrThrow();
        // [N, D, T] -> [N, T, D] in row-major order. The 2-d reshape of the transposed view copies it once;
        // without it, every element-wise op of the blocks would inherit the transposed strides and every
        // layer norm would make its own contiguous copy, forward and backward.
        NDArray x = grid.reshape(n, width, tokens).transpose(0, 2, 1).reshape(n * tokens, width)
                .reshape(n, tokens, width)
                .add(frames.getManager().create(positions, new Shape(1, tokens, width)));
        NDList hidden = new NDList(x);
        for (TransformerBlock block : blocks) {
            hidden = block.forward(store, hidden, training);
        }
        return hidden.singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tokens, width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbedding.initialize(manager, dataType, inputShapes[0]);
        Shape tokenShape = getOutputShapes(inputShapes)[0];
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, tokenShape);
        }
        finalNorm.initialize(manager, dataType, tokenShape);
    }
}
