package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The JEPA predictor: context tokens [B, Kc, D] at token positions [B, Kc], plus the target positions
 * [B, Kt] (and, for action-conditioned models, the action [B, A]) -> predicted target tokens [B, Kt, D].
 *
 * <p>Positions index a pair's token grid, frames first (context frames, then target frames), then
 * tokens row-major. Context tokens are projected to the predictor's narrower width; every token gets
 * its spatial (sine-cosine) and temporal (learned, one per frame index) code. One learned mask token
 * per target position, carrying that position's codes, is appended; an action, when configured,
 * enters as one more token made by a small learned embedding ({@code actionEmbDim} wide). A
 * transformer mixes all of them and the outputs at the mask positions, normed and projected back to
 * the encoder width, are the prediction.
 *
 * <p>With {@code pred_context_queries}, each mask token also carries the projected context token at
 * the same place of the newest context frame, where the mask shows it. A query made of position
 * codes alone finds nothing at first: at initialisation attention is nearly uniform over all tokens,
 * so the prediction barely depends on the pair. In every trained checkpoint measured, with the
 * encoder frozen or learning, it stayed that way through the whole run: the residual prediction's
 * variance across pairs was below 1e-8.
 */
final class Predictor extends AbstractBlock {
    private final int frames;
    private final int tokens;
    private final int defaultTargets;
    private final int width;
    private final int encoderWidth;
    private final int actionDim;
    /** Position of the newest context frame's first token. */
    private final long newestContextStart;
    private final boolean contextQueries;
    private final float[] spatial;
    private final Linear embed;
    private final Parameter maskToken;
    private final Parameter temporal;
    private final Linear actionEmbed;
    private final Linear actionProject;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear head;

    Predictor(JepaConfig config) {
        frames = config.contextFrames() + config.targetFrames();
        tokens = config.tokensPerFrame();
        defaultTargets = config.targetFrames() * tokens;
        width = config.predictorWidth();
        encoderWidth = config.encoderWidth();
        actionDim = config.actionDim();
        newestContextStart = (long) (config.contextFrames() - 1) * tokens;
        contextQueries = config.predictorContextQueries();
        int grid = config.encoderType() == EncoderType.MLP ? 1 : config.gridSize();
        spatial = PositionCodes.sinCos2d(width, grid);
        embed = addChildBlock("embed", Linear.builder().setUnits(width).build());
        maskToken = addParameter(Parameter.builder().setName("maskToken").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, width)).optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        temporal = addParameter(Parameter.builder().setName("temporal").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(frames, width))
                .optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        if (actionDim > 0) {
            actionEmbed = addChildBlock("actionEmbed", Linear.builder().setUnits(config.actionEmbDim()).build());
            actionProject = addChildBlock("actionProject", Linear.builder().setUnits(width).build());
        } else {
            actionEmbed = null;
            actionProject = null;
        }
        for (int i = 0; i < config.predictorDepth(); i++) {
            blocks.add(addChildBlock("block" + i, new TransformerBlock(width, config.predictorHeads(),
                    config.mlpRatio(), config.predictorDropout())));
        }
        finalNorm = addChildBlock("finalNorm", TransformerBlock.tokenNorm());
        head = addChildBlock("head", Linear.builder().setUnits(encoderWidth).build());
    }

    /**
     * @param inputs context tokens [B, Kc, D], context positions [B, Kc] (int64), target positions
     *     [B, Kt] (int64), and for action-conditioned models the actions [B, actionDim]; context
     *     tokens alone mean the TEMPORAL layout (all context-frame tokens in, all target-frame tokens out)
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray context = inputs.get(0);
        NDManager manager = context.getManager();
        long batch = context.getShape().get(0);
        NDArray table = codeTable(store, manager, context, training);
        NDArray mask = store.getValue(maskToken, context.getDevice(), training);

        int firstTarget = frames * tokens - defaultTargets;
        NDArray contextPositions = inputs.size() > 1 ? inputs.get(1) : positions(manager, batch, 0, firstTarget);
        NDArray targetPositions = inputs.size() > 2 ? inputs.get(2)
                : positions(manager, batch, firstTarget, frames * tokens);
        NDArray embedded = embed.forward(store, new NDList(context), training).singletonOrThrow();
        NDArray x = embedded.add(codes(table, contextPositions, batch));
        NDArray queries = codes(table, targetPositions, batch).add(mask);
        if (contextQueries) {
            queries = queries.add(atTargetPlaces(embedded, contextPositions, targetPositions));
        }
        long targets = queries.getShape().get(1);
        NDList parts = new NDList(x, queries);
        if (actionDim > 0) {
            NDArray action = inputs.get(3).reshape(batch, 1, actionDim);
            NDArray actionCode = Activation.gelu(
                    actionEmbed.forward(store, new NDList(action), training).singletonOrThrow());
            NDArray actionToken = actionProject.forward(store, new NDList(actionCode), training).singletonOrThrow();
            parts = new NDList(actionToken, x, queries);
        }
        NDList hidden = new NDList(NDArrays.concat(parts, 1));
        for (TransformerBlock block : blocks) {
            hidden = block.forward(store, hidden, training);
        }
        NDArray out = head.forward(store, finalNorm.forward(store, hidden, training), training).singletonOrThrow();
        long first = out.getShape().get(1) - targets;
        return new NDList(out.get(":, {}:, :", first));
    }

    /**
     * @return for each target position, the embedded context token at the same place of the newest
     *     context frame, or zeros where the mask hides it: [B, Kt, width]. A one-hot selection matrix
     *     [B, Kt, Kc] times the embedded context, so that the gradient reaches the embedding.
     */
    private NDArray atTargetPlaces(NDArray embedded, NDArray contextPositions, NDArray targetPositions) {
        long batch = embedded.getShape().get(0);
        long targets = targetPositions.getShape().get(1);
        NDArray sources = targetPositions.mod(tokens).add(newestContextStart).reshape(batch, targets, 1);
        NDArray selection = contextPositions.reshape(batch, 1, contextPositions.getShape().get(1)).eq(sources)
                .toType(DataType.FLOAT32, false);
        return selection.batchMatMul(embedded);
    }

    /** @return positions [from, to) for every pair: [B, to - from] int64 */
    private static NDArray positions(NDManager manager, long batch, int from, int to) {
        return manager.arange(from, to).toType(DataType.INT64, false)
                .reshape(1, to - from).broadcast(new Shape(batch, to - from));
    }

    /** @return spatial + temporal codes of every token position of a pair: [frames * tokens, width] */
    private NDArray codeTable(ParameterStore store, NDManager manager, NDArray like, boolean training) {
        NDArray frameCodes = store.getValue(temporal, like.getDevice(), training).reshape(frames, 1, width);
        // Results of ops on a parameter land on the parameter's long-lived manager: move them to the step.
        frameCodes.attach(manager);
        return manager.create(spatial, new Shape(1, tokens, width)).add(frameCodes)
                .reshape((long) frames * tokens, width);
    }

    /** @return the codes at {@code positions} [B, K]: [B, K, width] */
    private NDArray codes(NDArray table, NDArray positions, long batch) {
        long count = positions.getShape().get(1);
        NDArray index = positions.reshape(batch, count, 1).broadcast(new Shape(batch, count, width));
        return table.reshape(1, (long) frames * tokens, width)
                .broadcast(new Shape(batch, (long) frames * tokens, width)).gather(index, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long targets = inputShapes.length > 2 ? inputShapes[2].get(1) : defaultTargets;
        return new Shape[] {new Shape(inputShapes[0].get(0), targets, encoderWidth)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        embed.initialize(manager, dataType, in);
        Shape all = new Shape(in.get(0), in.get(1) + defaultTargets, width);
        if (actionDim > 0) {
            Shape action = new Shape(in.get(0), 1, actionDim);
            actionEmbed.initialize(manager, dataType, action);
            actionProject.initialize(manager, dataType, actionEmbed.getOutputShapes(new Shape[] {action})[0]);
        }
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, all);
        }
        finalNorm.initialize(manager, dataType, all);
        head.initialize(manager, dataType, all);
    }
}
