package io.vjepastream.model;

import java.util.List;

/**
 * A batch's masks as token indices over the model's token grid of a pair (frames x tokensPerFrame,
 * context frames first): which tokens feed the predictor and which it predicts. Every pair of a
 * batch must have the same number of each, so that the batch stays one tensor.
 */
final class MaskPlan {
    private final boolean temporal;
    private final long[][] context;
    private final long[][] target;

    private MaskPlan(boolean temporal, long[][] context, long[][] target) {
        this.temporal = temporal;
        this.context = context;
        this.target = target;
    }

    /**
     * @throws InvalidPairException naming the pair whose mask does not fit the config or the batch
     */
    static MaskPlan of(List<PairSample> batch, JepaConfig config) {
        int frames = config.contextFrames() + config.targetFrames();
        boolean allTemporal = true;
        TokenMask onGrid = TokenMask.temporal(config.contextFrames(), config.targetFrames(), config.gridSize());
        for (int i = 0; i < batch.size(); i++) {
            TokenMask mask = batch.get(i).mask();
            if (mask == null || mask.equals(onGrid)) {
                continue;
            }
            allTemporal = false;
            if (config.encoderType() == EncoderType.MLP) {
                throw new InvalidPairException("pair " + i + " has mask " + mask + ", but encoderType=mlp makes one"
                        + " token per frame, so only the TEMPORAL mask applies");
            }
            if (mask.frames() != frames || mask.gridH() != config.gridSize() || mask.gridW() != config.gridSize()) {
                throw new InvalidPairException("pair " + i + " has a mask over " + mask.frames() + " x " + mask.gridH()
                        + " x " + mask.gridW() + " tokens, expected " + frames + " x " + config.gridSize() + " x "
                        + config.gridSize());
            }
        }
        TokenMask temporal = TokenMask.temporal(config.contextFrames(), config.targetFrames(),
                config.encoderType() == EncoderType.MLP ? 1 : config.gridSize());
        long[][] context = new long[batch.size()][];
        long[][] target = new long[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            TokenMask mask = batch.get(i).mask() == null || allTemporal ? temporal : batch.get(i).mask();
            context[i] = longs(mask.contextIndices());
            target[i] = longs(mask.targetIndices());
            if (context[i].length != context[0].length || target[i].length != target[0].length) {
                throw new InvalidPairException("pair " + i + " has " + context[i].length + " context and "
                        + target[i].length + " target tokens, but pair 0 has " + context[0].length + " and "
                        + target[0].length + "; the pairs of a batch must have equal token counts");
            }
        }
        return new MaskPlan(allTemporal, context, target);
    }

    private static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** @return whether every pair uses the TEMPORAL mask (context frames in, target frames out) */
    boolean temporal() {
        return temporal;
    }

    /** @return per pair, the context token indices, ascending */
    long[][] context() {
        return context;
    }

    /** @return per pair, the target token indices, ascending */
    long[][] target() {
        return target;
    }

    /** @return context tokens per pair */
    int contextCount() {
        return context.length == 0 ? 0 : context[0].length;
    }

    /** @return target tokens per pair */
    int targetCount() {
        return target.length == 0 ? 0 : target[0].length;
    }
}
