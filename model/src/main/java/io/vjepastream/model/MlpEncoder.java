package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * An MLP encoder ({@code encoder_type: mlp}): frames [N, 3, H, W] -> one token per frame [N, 1, width].
 *
 * <p>The flattened frame passes {@code depth} GELU layers {@code width * mlpRatio} wide and a linear
 * layer to {@code width}, then a LayerNorm. Having no spatial tokens, it only supports the TEMPORAL
 * mask (predict the next frame's token from the context frames' tokens).
 */
final class MlpEncoder extends FrameEncoder {
    private final int width;
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear out;
    private final LayerNorm finalNorm;

    MlpEncoder(JepaConfig config) {
        width = config.encoderWidth();
        for (int i = 0; i < config.encoderDepth(); i++) {
            hidden.add(addChildBlock("hidden" + i,
                    Linear.builder().setUnits((long) width * config.mlpRatio()).build()));
        }
        out = addChildBlock("out", Linear.builder().setUnits(width).build());
        finalNorm = addChildBlock("finalNorm", TransformerBlock.tokenNorm());
    }

    @Override
    LayerNorm finalNorm() {
        return finalNorm;
    }

    @Override
    NDArray tokens(ParameterStore store, NDArray frames, boolean training) {
        long n = frames.getShape().get(0);
        NDArray x = frames.reshape(n, 1, -1);
        for (Linear layer : hidden) {
            x = Activation.gelu(layer.forward(store, new NDList(x), training).singletonOrThrow());
        }
        return out.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1, width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape shape = new Shape(in.get(0), 1, in.size() / in.get(0));
        for (Linear layer : hidden) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
        out.initialize(manager, dataType, shape);
        finalNorm.initialize(manager, dataType, getOutputShapes(inputShapes)[0]);
    }
}
