package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The energy, patch energy and embedding of a batch of pairs, in one forward pass of the networks,
 * and the online encoder's pooled embeddings. The caller decides about gradients and locking (see
 * {@link JepaInference}).
 */
final class PairScorer {
    private PairScorer() {
    }

    /**
     * @throws InvalidPairException if a pair has the wrong number of frames, a frame the wrong size,
     *     or a mask or action that does not fit the config
     */
    static List<Scored> score(JepaNetworks networks, List<PairSample> batch) {
        return score(networks, batch, ContextEncoder.AS_TRAINED, EnergyMeasure.STANDARDISED, true);
    }

    /**
     * As {@link #score(JepaNetworks, List)}, the predictor's context from {@code context}, the energy
     * by {@code measure}, and each reading with the newest frame's tokens only if {@code keepTokens}.
     */
    static List<Scored> score(JepaNetworks networks, List<PairSample> batch, ContextEncoder context,
            EnergyMeasure measure, boolean keepTokens) {
        return score(networks, batch, context, measure, keepTokens, false);
    }

    /**
     * As {@link #score(JepaNetworks, List, ContextEncoder, EnergyMeasure, boolean)}, with the persistence
     * forecast in place of the predictor's: each target token foreseen as the newest context frame's
     * layer-normed token at the same place ({@link JepaForward#newestContextBase}), zeros where the mask
     * hides it. The baseline that shows what the predictor adds to the energy.
     */
    static List<Scored> scorePersistence(JepaNetworks networks, List<PairSample> batch, ContextEncoder context,
            EnergyMeasure measure, boolean keepTokens) {
        return score(networks, batch, context, measure, keepTokens, true);
    }

    private static List<Scored> score(JepaNetworks networks, List<PairSample> batch, ContextEncoder context,
            EnergyMeasure measure, boolean keepTokens, boolean persistence) {
        JepaConfig config = networks.config();
        FrameBatch.validate(batch, config);
        if (batch.isEmpty()) {
            return List.of();
        }
        try (NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            JepaForward.Output out = JepaForward.run(networks, store, step, batch, false, false,
                    context.scoringRoles(config.targetEncoderMode()));
            NDArray predicted = persistence
                    ? JepaForward.newestContextBase(out.context(), step, out.plan(), config)
                    : out.predicted();
            return scores(config, measure, predicted, out.targets(), out.context(), out.newestFrame(), out.plan(),
                    keepTokens);
        }
    }

    /**
     * The energy definition shared by every scoring path: per pair, the mean over its target tokens of
     * the error {@code measure} gives between prediction and layer-normed target, that error per grid
     * position, the mean of the newest frame's target-side tokens, and those tokens themselves.
     *
     * @param predicted [B, Kt, D]
     * @param targets raw target-side tokens at the same positions [B, Kt, D]
     * @param context the predictor's raw context tokens [B, Kc, D]: with the targets, the tokens whose
     *     spread the standardised energy measures errors in
     * @param newestFrame target-side tokens of each pair's newest frame [B, tokensPerFrame, D]
     * @param keepTokens whether each reading carries those tokens; copying them out of the native array
     *     costs 32 KB a pair for the default model, wasted when nobody reads them
     */
    static List<Scored> scores(JepaConfig config, EnergyMeasure measure, NDArray predicted, NDArray targets,
            NDArray context, NDArray newestFrame, MaskPlan plan, boolean keepTokens) {
        int pairs = (int) predicted.getShape().get(0);
        int width = config.encoderWidth();
        NDArray targetTokens = JepaLosses.tokenLayerNorm(targets);
        NDArray perToken = measure == EnergyMeasure.STANDARDISED
                ? JepaLosses.standardisedSquaredError(predicted, targetTokens,
                        JepaLosses.tokenLayerNorm(context).concat(targetTokens, 1))
                : JepaLosses.perToken(config.loss(), predicted, targetTokens);
        int count = plan.targetCount();
        float[] distances = perToken.toFloatArray();
        // PyTorch's mean here takes one axis at a time
        float[] embeddings = newestFrame.mean(new int[] {1}).toFloatArray();
        float[] tokens = keepTokens ? newestFrame.toFloatArray() : null;
        int tokenFloats = tokens == null ? 0 : tokens.length / Math.max(1, pairs);
        List<Scored> scores = new ArrayList<>(pairs);
        for (int i = 0; i < pairs; i++) {
            double energy = 0;
            for (int k = 0; k < count; k++) {
                energy += distances[i * count + k];
            }
            scores.add(new Scored(slice(embeddings, i, width), energy / count,
                    patchEnergy(config, distances, i, count, plan.target()[i]),
                    tokens == null ? null : slice(tokens, i, tokenFloats)));
        }
        return scores;
    }

    /**
     * @return the mean distance per grid position of the target frames' target tokens, row-major
     *     grid * grid floats; 0 where no target token lies; for one token per frame, that frame's
     *     distance at every position
     */
    private static float[] patchEnergy(JepaConfig config, float[] distances, int pair, int targets, long[] positions) {
        int grid = config.gridSize() * config.gridSize();
        int perFrame = config.tokensPerFrame();
        long firstTarget = (long) config.contextFrames() * perFrame;
        float[] sums = new float[grid];
        int[] counts = new int[grid];
        for (int k = 0; k < targets; k++) {
            long position = positions[k];
            if (position < firstTarget) {
                continue;
            }
            float d = distances[pair * targets + k];
            if (perFrame == 1) {
                for (int p = 0; p < grid; p++) {
                    sums[p] += d;
                    counts[p]++;
                }
            } else {
                int p = (int) (position % perFrame);
                sums[p] += d;
                counts[p]++;
            }
        }
        for (int p = 0; p < grid; p++) {
            sums[p] = counts[p] == 0 ? 0f : sums[p] / counts[p];
        }
        return sums;
    }

    /**
     * @return per pair, the mean of the online encoder's tokens of the pair's newest frame (the last
     *     target frame): the embeddings that collapse statistics watch
     */
    static float[][] embed(JepaNetworks networks, List<PairSample> batch) {
        JepaConfig config = networks.config();
        FrameBatch.validate(batch, config);
        int pairs = batch.size();
        float[][] rows = new float[pairs][];
        if (pairs == 0) {
            return rows;
        }
        int width = config.encoderWidth();
        try (NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray pixels = FrameBatch.target(step, batch, config);
            NDArray tokens = networks.online().forward(store, new NDList(pixels), false).singletonOrThrow();
            long perFrame = tokens.getShape().get(1);
            float[] pooled = tokens.reshape(pairs, config.targetFrames(), perFrame, width).get(":, -1")
                    .mean(new int[] {1}).toFloatArray();
            for (int i = 0; i < pairs; i++) {
                rows[i] = slice(pooled, i, width);
            }
            return rows;
        }
    }

    private static float[] slice(float[] values, int index, int length) {
        float[] out = new float[length];
        System.arraycopy(values, index * length, out, 0, length);
        return out;
    }
}
