package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.util.Arrays;
import java.util.List;

/**
 * The forward pass of the JEPA objective on a batch, shared by training and scoring: encoders as the
 * {@link TargetEncoderMode} says, the token mask of each pair, the action, then the predictor.
 *
 * <p>With TEMPORAL masks (the default) only the context frames go through the predictor-input encoder
 * and only the target frames through the target side; with other masks every frame goes through both
 * and the tokens are picked by index.
 */
final class JepaForward {
    /**
     * @param predicted predicted target tokens [B, Kt, D]
     * @param targets raw target tokens at the same positions, no gradient, before the layer norm [B, Kt, D]
     * @param context the predictor's raw input tokens [B, Kc, D]
     * @param newestFrame target-side tokens of each pair's newest frame [B, tokensPerFrame, D]
     * @param onlineContext online-encoder tokens of the context frames [B, contextFrames, tokensPerFrame, D],
     *     or null when not computed
     * @param plan the token indices
     */
    record Output(NDArray predicted, NDArray targets, NDArray context, NDArray newestFrame, NDArray onlineContext,
            MaskPlan plan) {
    }

    private JepaForward() {
    }

    /**
     * @param needOnline whether the online context tokens are wanted even where the objective does not
     *     use them (auxiliary losses in {@code default} mode)
     * @throws InvalidPairException for pairs, masks or actions that do not fit the config
     */
    static Output run(JepaNetworks networks, ParameterStore store, NDManager step, List<PairSample> batch,
            boolean training, boolean needOnline) {
        return run(networks, store, step, batch, training, needOnline, networks.config().targetEncoderMode());
    }

    /**
     * As {@link #run(JepaNetworks, ParameterStore, NDManager, List, boolean, boolean)}, with the encoders
     * in the roles of {@code mode} rather than the config's (scoring with {@link ContextEncoder#TARGET}).
     */
    static Output run(JepaNetworks networks, ParameterStore store, NDManager step, List<PairSample> batch,
            boolean training, boolean needOnline, TargetEncoderMode mode) {
        JepaConfig config = networks.config();
        FrameBatch.validate(batch, config);
        MaskPlan plan = MaskPlan.of(batch, config);
        int pairs = batch.size();
        int perFrame = config.tokensPerFrame();
        Block online = networks.online();
        Block inputEncoder = mode == TargetEncoderMode.DEFAULT ? networks.target() : online;
        boolean inputIsOnline = inputEncoder == online;
        NDArray contextTokens;
        NDArray targetTokens;
        NDArray newest;
        NDArray onlineContext;
        if (plan.temporal()) {
            NDArray contextPixels = FrameBatch.context(step, batch, config);
            NDArray targetPixels = FrameBatch.target(step, batch, config);
            contextTokens = encode(store, inputEncoder, contextPixels, pairs, training && inputIsOnline);
            targetTokens = mode == TargetEncoderMode.NONE
                    ? encode(store, online, targetPixels, pairs, training).stopGradient()
                    : encode(store, networks.target(), targetPixels, pairs, false);
            newest = targetTokens.get(":, {}:, :", (long) (config.targetFrames() - 1) * perFrame);
            onlineContext = inputIsOnline ? contextTokens
                    : needOnline ? encode(store, online, contextPixels, pairs, training) : null;
        } else {
            NDArray allPixels = FrameBatch.all(step, batch, config);
            NDArray inputTokens = encode(store, inputEncoder, allPixels, pairs, training && inputIsOnline);
            contextTokens = pick(inputTokens, step, plan.context());
            NDArray targetSide = switch (mode) {
                case NONE -> inputTokens.stopGradient();
                case DEFAULT -> inputTokens;
                case VJEPA2 -> encode(store, networks.target(), allPixels, pairs, false);
            };
            targetTokens = pick(targetSide, step, plan.target());
            int frames = config.contextFrames() + config.targetFrames();
            newest = targetSide.get(":, {}:, :", (long) (frames - 1) * perFrame);
            long contextTokenCount = (long) config.contextFrames() * perFrame;
            onlineContext = inputIsOnline ? inputTokens.get(":, :{}, :", contextTokenCount)
                    : needOnline ? encode(store, online, FrameBatch.context(step, batch, config), pairs, training)
                    : null;
        }
        NDArray predicted = predict(networks, store, step, batch, contextTokens, plan, training);
        return new Output(predicted, targetTokens.stopGradient(), contextTokens, newest, frameMajor(onlineContext, config),
                plan);
    }

    /**
     * @return the predictor's output [B, Kt, D] for context tokens [B, Kc, D] laid out as {@code plan}
     *     says; with {@code pred_residual}, added to {@link #newestContextBase}
     */
    static NDArray predict(JepaNetworks networks, ParameterStore store, NDManager step, List<PairSample> batch,
            NDArray contextTokens, MaskPlan plan, boolean training) {
        int pairs = batch.size();
        NDList inputs = new NDList(contextTokens, indices(step, plan.context()), indices(step, plan.target()));
        int actionDim = networks.config().actionDim();
        if (actionDim > 0) {
            float[] actions = new float[pairs * actionDim];
            for (int i = 0; i < pairs; i++) {
                float[] action = batch.get(i).action();
                if (action != null) {
                    System.arraycopy(action, 0, actions, i * actionDim, actionDim);
                }
            }
            inputs.add(step.create(actions, new Shape(pairs, actionDim)));
        }
        NDList output = networks.predictor().forward(store, inputs, training);
        if (networks.config().predictorType() == PredictorType.WARP) {
            return warped(networks, store, step, batch, output);
        }
        NDArray predicted = output.singletonOrThrow();
        // The transport predictor's output already starts from the newest frame's tokens.
        return networks.config().predictorResidual() && networks.config().predictorType() == PredictorType.TRANSFORMER
                ? predicted.add(newestContextBase(contextTokens, step, plan, networks.config()))
                : predicted;
    }

    /**
     * @param output the warp predictor's flow [B, G, G, 2] and correction [B, N, D]
     * @return the newest context frame moved by the flow, encoded by the target encoder and layer-normed,
     *     plus the correction: [B, N, D]
     */
    private static NDArray warped(JepaNetworks networks, ParameterStore store, NDManager step, List<PairSample> batch,
            NDList output) {
        JepaConfig config = networks.config();
        // Only the newest context frame of each pair is moved, so only it is turned into pixels.
        NDArray newest = FrameBatch.frames(step,
                batch.stream().map(pair -> pair.context().get(config.contextFrames() - 1)).toList(), config);
        NDArray moved = PixelWarp.backward(newest, output.get(0));
        NDArray tokens = encode(store, networks.target(), moved, batch.size(), false);
        return JepaLosses.tokenLayerNorm(tokens).add(output.get(1));
    }

    /**
     * @return for each target token, the layer-normed context token at the same place of the newest
     *     context frame, or zeros where the mask hides that token: [B, Kt, D]; without gradient, so
     *     that the encoder cannot lower the loss by making consecutive frames look alike
     */
    static NDArray newestContextBase(NDArray contextTokens, NDManager step, MaskPlan plan, JepaConfig config) {
        long[][] context = plan.context();
        long[][] target = plan.target();
        int pairs = target.length;
        int targets = pairs == 0 ? 0 : target[0].length;
        int perFrame = config.encoderType() == EncoderType.MLP ? 1 : config.tokensPerFrame();
        long newestStart = (long) (config.contextFrames() - 1) * perFrame;
        long[][] source = new long[pairs][targets];
        float[] shown = new float[pairs * targets];
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < targets; k++) {
                int at = Arrays.binarySearch(context[i], newestStart + target[i][k] % perFrame);
                source[i][k] = Math.max(at, 0);
                shown[i * targets + k] = at >= 0 ? 1f : 0f;
            }
        }
        NDArray base = JepaLosses.tokenLayerNorm(pick(contextTokens.stopGradient(), step, source));
        return base.mul(step.create(shown, new Shape(pairs, targets, 1)));
    }

    /** @return the encoder's tokens for [B * F] frames as [B, F * tokensPerFrame, D] */
    private static NDArray encode(ParameterStore store, Block encoder, NDArray pixels, int pairs, boolean training) {
        NDArray tokens = encoder.forward(store, new NDList(pixels), training).singletonOrThrow();
        Shape shape = tokens.getShape();
        return tokens.reshape(pairs, shape.get(0) / pairs * shape.get(1), shape.get(2));
    }

    /** @return tokens [B, N, D] at per-pair indices [B][K]: [B, K, D] */
    static NDArray pick(NDArray tokens, NDManager step, long[][] indices) {
        long pairs = tokens.getShape().get(0);
        long count = indices.length == 0 ? 0 : indices[0].length;
        long width = tokens.getShape().get(2);
        NDArray index = indices(step, indices).reshape(pairs, count, 1).broadcast(new Shape(pairs, count, width));
        return tokens.gather(index, 1);
    }

    private static NDArray indices(NDManager step, long[][] rows) {
        int count = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * count];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * count, count);
        }
        return step.create(flat, new Shape(rows.length, count));
    }

    private static NDArray frameMajor(NDArray contextTokens, JepaConfig config) {
        if (contextTokens == null) {
            return null;
        }
        return contextTokens.reshape(contextTokens.getShape().get(0), config.contextFrames(),
                config.tokensPerFrame(), config.encoderWidth());
    }
}
