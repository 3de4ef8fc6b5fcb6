package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The JEPA predictor: context tokens [B, contextFrames * T, D] -> predicted target tokens
 * [B, targetFrames * T, D].
 *
 * <p>Context tokens are projected to the predictor's narrower width; every token gets its spatial
 * (sine-cosine) and temporal (learned, one per frame index) code. One learned mask token per target
 * token position, carrying that position's codes, is appended; a transformer mixes all of them and
 * the outputs at the mask positions, normed and projected back to the encoder width, are the
 * prediction.
 */
final class Predictor extends AbstractBlock {
    private final int contextFrames;
    private final int targetFrames;
    private final int tokens;
    private final int width;
    private final int encoderWidth;
    private final float[] spatial;
    private final Linear embed;
    private final Parameter maskToken;
    private final Parameter temporal;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear head;

    Predictor(JepaConfig config) {
        contextFrames = config.contextFrames();
        targetFrames = config.targetFrames();
        tokens = config.tokensPerFrame();
        width = config.predictorWidth();
        encoderWidth = config.encoderWidth();
        spatial = PositionCodes.sinCos2d(width, config.gridSize());
        embed = addChildBlock("embed", Linear.builder().setUnits(width).build());
        maskToken = addParameter(Parameter.builder().setName("maskToken").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, width)).optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        temporal = addParameter(Parameter.builder().setName("temporal").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(contextFrames + targetFrames, width))
                .optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        for (int i = 0; i < config.predictorDepth(); i++) {
            blocks.add(addChildBlock("block" + i,
                    new TransformerBlock(width, config.predictorHeads(), config.mlpRatio())));
        }
        finalNorm = addChildBlock("finalNorm", TransformerBlock.tokenNorm());
        head = addChildBlock("head", Linear.builder().setUnits(encoderWidth).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray context = inputs.singletonOrThrow();
        NDManager manager = context.getManager();
        long batch = context.getShape().get(0);
        NDArray frameCodes = store.getValue(temporal, context.getDevice(), training);
        NDArray mask = store.getValue(maskToken, context.getDevice(), training);
        NDArray spatialCodes = manager.create(spatial, new Shape(1, tokens, width));

        NDArray x = embed.forward(store, inputs, training).singletonOrThrow()
                .add(codes(manager, spatialCodes, frameCodes, 0, contextFrames));
        NDArray queries = codes(manager, spatialCodes, frameCodes, contextFrames, targetFrames)
                .add(mask)
                .broadcast(new Shape(batch, (long) targetFrames * tokens, width));
        NDList hidden = new NDList(NDArrays.concat(new NDList(x, queries), 1));
        for (TransformerBlock block : blocks) {
            hidden = block.forward(store, hidden, training);
        }
        NDArray out = head.forward(store, finalNorm.forward(store, hidden, training), training).singletonOrThrow();
        return new NDList(out.get(":, {}:, :", (long) contextFrames * tokens));
    }

    /** @return spatial + temporal codes of frames [first, first + count): [1, count * T, width] */
    private NDArray codes(NDManager manager, NDArray spatialCodes, NDArray frameCodes, int first, int count) {
        NDArray frames = frameCodes.get("{}:{}", first, first + count);
        // Results of ops on a parameter land on the parameter's long-lived manager: move them to the step.
        frames.attach(manager);
        return spatialCodes.add(frames.reshape(count, 1, width)).reshape(1, (long) count * tokens, width);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), (long) targetFrames * tokens, encoderWidth)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        embed.initialize(manager, dataType, in);
        Shape all = new Shape(in.get(0), (long) (contextFrames + targetFrames) * tokens, width);
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, all);
        }
        finalNorm.initialize(manager, dataType, all);
        head.initialize(manager, dataType, all);
    }
}
