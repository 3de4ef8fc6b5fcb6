package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolutional encoder ({@code encoder_type: cnn}): frames [N, 3, H, W] -> tokens
 * [N, grid * grid, width], the same token grid as the ViT.
 *
 * <p>A 3 x 3 convolution stem (half the width) sees pixel neighbourhoods, a convolution with kernel =
 * stride = patch turns each patch into a token, and {@code depth} residual blocks (3 x 3 then 1 x 1
 * convolutions with GELU) mix neighbouring tokens. The same sine-cosine codes as the ViT mark the
 * tokens' places; a final LayerNorm per token follows. Tokens are row-major.
 */
final class ConvEncoder extends FrameEncoder {
    private final int width;
    private final int grid;
    private final float[] positions;
    private final Conv2d stem;
    private final Conv2d patchify;
    private final List<Conv2d> mix = new ArrayList<>();
    private final List<Conv2d> project = new ArrayList<>();
    private final LayerNorm finalNorm;

    ConvEncoder(JepaConfig config) {
        width = config.encoderWidth();
        grid = config.gridSize();
        positions = PositionCodes.sinCos2d(width, grid);
        Shape three = new Shape(3, 3);
        Shape one = new Shape(1, 1);
        stem = addChildBlock("stem", Conv2d.builder().setKernelShape(three).optPadding(one)
                .setFilters(width / 2).build());
        Shape patch = new Shape(config.patchSize(), config.patchSize());
        patchify = addChildBlock("patchify", Conv2d.builder().setKernelShape(patch).optStride(patch)
                .setFilters(width).build());
        for (int i = 0; i < config.encoderDepth(); i++) {
            mix.add(addChildBlock("mix" + i, Conv2d.builder().setKernelShape(three).optPadding(one)
                    .setFilters(width).build()));
            project.add(addChildBlock("project" + i, Conv2d.builder().setKernelShape(one).setFilters(width).build()));
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
        NDArray x = Activation.gelu(stem.forward(store, new NDList(frames), training).singletonOrThrow());
        x = patchify.forward(store, new NDList(x), training).singletonOrThrow();
        for (int i = 0; i < mix.size(); i++) {
            NDArray hidden = Activation.gelu(mix.get(i).forward(store, new NDList(Activation.gelu(x)), training)
                    .singletonOrThrow());
            x = x.add(project.get(i).forward(store, new NDList(hidden), training).singletonOrThrow());
        }
        int tokens = grid * grid;
        NDArray tokenized = x.reshape(n, width, tokens).transpose(0, 2, 1)
                .add(frames.getManager().create(positions, new Shape(1, tokens, width)));
        return tokenized;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), (long) grid * grid, width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        stem.initialize(manager, dataType, in);
        Shape stemmed = stem.getOutputShapes(new Shape[] {in})[0];
        patchify.initialize(manager, dataType, stemmed);
        Shape gridShape = patchify.getOutputShapes(new Shape[] {stemmed})[0];
        for (int i = 0; i < mix.size(); i++) {
            mix.get(i).initialize(manager, dataType, gridShape);
            project.get(i).initialize(manager, dataType, gridShape);
        }
        finalNorm.initialize(manager, dataType, getOutputShapes(inputShapes)[0]);
    }
}
