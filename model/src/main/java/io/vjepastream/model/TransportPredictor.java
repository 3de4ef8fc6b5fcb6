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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The local transport predictor ({@code predictor_type: transport}): it moves tokens instead of
 * painting them. For every place of the target frame a small convolutional network reads a cost
 * volume (how well the newest context frame's token there matches each of the older frame's tokens
 * within {@code transport_radius} places: where the content came from) beside narrow projections of
 * both frames' tokens, mixed over the same neighbourhood twice (so that a place also sees where its
 * neighbours' content came from), and outputs
 * <ul>
 *   <li>weights, a softmax over the same neighbourhood, of the newest frame's tokens to mix: the
 *       prediction is where the content goes, built of real tokens, so it neither blurs towards an
 *       average object nor depends on having seen an object's colour before (the idea of Finn et al.
 *       2016, "Unsupervised learning for physical interaction through video prediction", CDNA);</li>
 *   <li>a correction added to the mix, gated by a learned scalar that starts at 0, for what a mix
 *       of whole-patch tokens cannot express (a shift of part of a patch).</li>
 * </ul>
 * A fixed prior on the centre weight makes the untrained predictor close to the persistence forecast.
 *
 * <p>As the {@code warp} predictor it outputs, instead of the mix, the flow the weights stand for
 * (their mean offset, in pixels) and the gated correction; {@link JepaForward} moves the newest context
 * frame's pixels by that flow ({@link PixelWarp}) and encodes them, so that a shift of part of a patch
 * is what it forecasts rather than a blend of two patches.
 *
 * <p>Inputs as {@link Predictor}'s, in the TEMPORAL layout only: every context token [B, C * N, D]
 * (frames in order, tokens row-major) and the N tokens of one target frame; the output is [B, N, D]
 * in the layer-normed target space. The mixed tokens carry no gradient, so that the encoder cannot
 * lower the loss by making consecutive frames alike; the network that chooses the weights does.
 */
final class TransportPredictor extends AbstractBlock {
    /** Logit added to the centre (no motion) weight, so that training starts near persistence. */
    static final float CENTRE_PRIOR = 3f;
    /** Channels of each frame's projected tokens in the network's input. */
    private static final int APPEARANCE = 16;

    private final int contextFrames;
    private final boolean warp;
    private final int patchSize;
    private final int grid;
    private final int radius;
    private final int encoderWidth;
    private final Linear newestAppearance;
    private final Linear olderAppearance;
    private final Linear mix1;
    private final Linear mix2;
    private final Linear weightHead;
    private final Linear correctionHead;
    private final Parameter correctionGate;

    TransportPredictor(JepaConfig config) {
        contextFrames = config.contextFrames();
        warp = config.predictorType() == PredictorType.WARP;
        patchSize = config.patchSize();
        grid = config.gridSize();
        radius = config.transportRadius();
        encoderWidth = config.encoderWidth();
        int hidden = config.predictorWidth();
        newestAppearance = addChildBlock("newestAppearance", Linear.builder().setUnits(APPEARANCE).build());
        olderAppearance = addChildBlock("olderAppearance", Linear.builder().setUnits(APPEARANCE).build());
        mix1 = addChildBlock("mix1", Linear.builder().setUnits(hidden).build());
        mix2 = addChildBlock("mix2", Linear.builder().setUnits(hidden).build());
        weightHead = addChildBlock("weightHead", Linear.builder().setUnits(offsets()).build());
        correctionHead = addChildBlock("correctionHead", Linear.builder().setUnits(encoderWidth).build());
        // BETA, so that the predictor-wide weight initialiser leaves it at 0 and weight decay skips it.
        correctionGate = addParameter(Parameter.builder().setName("correctionGate").setType(Parameter.Type.BETA)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(0f)).build());
    }

    /** @return places in the neighbourhood: (2 * radius + 1)^2 */
    int offsets() {
        return (2 * radius + 1) * (2 * radius + 1);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray context = inputs.get(0);
        long batch = context.getShape().get(0);
        int tokens = grid * grid;
        if (context.getShape().get(1) != (long) contextFrames * tokens
                || inputs.size() > 2 && inputs.get(2).getShape().get(1) != tokens) {
            throw new InvalidPairException("predictorType=" + (warp ? "warp" : "transport")
                    + " predicts one whole target frame from whole context frames (TEMPORAL masks); got "
                    + context.getShape().get(1) + " context tokens"
                    + (inputs.size() > 2 ? " and " + inputs.get(2).getShape().get(1) + " target tokens" : ""));
        }
        // Channels last throughout: [B, G, G, channels].
        NDArray frames = JepaLosses.tokenLayerNorm(context).reshape(batch, contextFrames, grid, grid, encoderWidth);
        NDArray newest = frames.get(":, {}", contextFrames - 1);
        NDArray older = frames.get(":, {}", contextFrames - 2);
        NDList costs = new NDList(offsets());
        for (NDArray o : shifts(older)) {
            costs.add(newest.mul(o).mean(new int[] {-1}));
        }
        NDArray features = NDArrays.concat(new NDList(NDArrays.stack(costs, -1),
                apply(newestAppearance, store, newest, training), apply(olderAppearance, store, older, training)), -1);
        NDArray hidden = Activation.gelu(neighbourhood(mix1, store, features, training));
        hidden = Activation.gelu(neighbourhood(mix2, store, hidden, training));
        NDArray weights = apply(weightHead, store, hidden, training).add(centrePrior(context.getManager()))
                .softmax(-1);
        NDArray gate = store.getValue(correctionGate, context.getDevice(), training);
        NDArray correction = apply(correctionHead, store, hidden, training).mul(gate);
        if (warp) {
            NDArray flow = weights.matMul(offsetPixels(context.getManager()));
            return new NDList(flow, correction.reshape(batch, tokens, encoderWidth));
        }
        NDArray moved = NDArrays.stack(shifts(newest.stopGradient()), -1).mul(weights.expandDims(3))
                .sum(new int[] {-1});
        return new NDList(moved.add(correction).reshape(batch, tokens, encoderWidth));
    }

    /**
     * @param frame [B, G, G, C]
     * @return the frame seen from each offset of the neighbourhood, row by row: element {@code o} holds
     *     at place p the token at p + offset(o), zeros off the grid
     */
    NDList shifts(NDArray frame) {
        NDArray padded = frame.pad(new Shape(0, 0, radius, radius, radius, radius), 0);
        NDList out = new NDList(offsets());
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                out.add(padded.get(":, {}:{}, {}:{}, :", radius + dy, radius + dy + grid, radius + dx,
                        radius + dx + grid));
            }
        }
        return out;
    }

    /**
     * A convolution over the neighbourhood as one matrix product: every place's neighbours side by side,
     * then {@code layer}. (A matmul rather than a native convolution, which returned garbage for the
     * first batch of a new size on the CPU engine.)
     */
    private NDArray neighbourhood(Linear layer, ParameterStore store, NDArray x, boolean training) {
        return apply(layer, store, NDArrays.concat(shifts(x), -1), training);
    }

    /** @return each offset of the neighbourhood in pixels, as {@link #shifts} orders them: [O, 2] of (dx, dy) */
    private NDArray offsetPixels(NDManager manager) {
        float[] offsets = new float[offsets() * 2];
        int o = 0;
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                offsets[o++] = dx * patchSize;
                offsets[o++] = dy * patchSize;
            }
        }
        return manager.create(offsets, new Shape(offsets(), 2));
    }

    private NDArray centrePrior(NDManager manager) {
        float[] prior = new float[offsets()];
        prior[offsets() / 2] = CENTRE_PRIOR;
        return manager.create(prior, new Shape(1, 1, 1, offsets()));
    }

    private static NDArray apply(Linear layer, ParameterStore store, NDArray x, boolean training) {
        return layer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = new Shape(inputShapes[0].get(0), (long) grid * grid, encoderWidth);
        return warp ? new Shape[] {new Shape(inputShapes[0].get(0), grid, grid, 2), tokens} : new Shape[] {tokens};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape frame = new Shape(batch, grid, grid, encoderWidth);
        newestAppearance.initialize(manager, dataType, frame);
        olderAppearance.initialize(manager, dataType, frame);
        long features = offsets() + 2L * APPEARANCE;
        mix1.initialize(manager, dataType, new Shape(batch, grid, grid, features * offsets()));
        Shape hidden = mix1.getOutputShapes(new Shape[] {new Shape(batch, grid, grid, features * offsets())})[0];
        mix2.initialize(manager, dataType, new Shape(batch, grid, grid, hidden.get(3) * offsets()));
        weightHead.initialize(manager, dataType, hidden);
        correctionHead.initialize(manager, dataType, hidden);
    }
}
