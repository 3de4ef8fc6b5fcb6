package io.vjepastream.pipeline.bench;

import io.vjepastream.model.JepaConfig;

/**
 * Floating-point operations of the JEPA model, counted analytically from its configuration: every
 * matrix product (patch embedding, attention projections, attention scores and mixing, MLP,
 * predictor embedding and head) at 2 operations per multiply-add. Norms, softmax, GELU and additions
 * are left out (a few percent at these sizes). A backward pass costs twice its forward pass, so a
 * trained network costs 3x its forward pass; the EMA target encoder runs forward only.
 */
public final class ModelFlops {
    private ModelFlops() {
    }

    /** One pre-LN transformer block over {@code n} tokens of width {@code d}, MLP ratio {@code r}. */
    static double block(long n, long d, long r) {
        double projections = 2.0 * n * d * d * 4; // q, k, v and output
        double mlp = 2.0 * n * d * (r * d) * 2;
        double attention = 2.0 * n * n * d * 2; // scores and the weighted sum
        return projections + mlp + attention;
    }

    /** The ViT encoder's forward pass over one frame. */
    public static double encoderForward(JepaConfig c) {
        long tokens = c.tokensPerFrame();
        long d = c.encoderWidth();
        double patches = 2.0 * tokens * c.patchSize() * c.patchSize() * JepaConfig.CHANNELS * d;
        return patches + c.encoderDepth() * block(tokens, d, c.mlpRatio());
    }

    /** The predictor's forward pass for one pair. */
    public static double predictorForward(JepaConfig c) {
        long tokens = c.tokensPerFrame();
        long context = c.contextFrames() * tokens;
        long all = (long) (c.contextFrames() + c.targetFrames()) * tokens;
        long d = c.encoderWidth();
        long p = c.predictorWidth();
        double embed = 2.0 * context * d * p;
        double head = 2.0 * all * p * d; // the head runs over every token before the targets are sliced out
        return embed + c.predictorDepth() * block(all, p, c.mlpRatio()) + head;
    }

    /** One training step on {@code batch} pairs: online encoder and predictor forward and backward, target encoder forward. */
    public static double trainingStep(JepaConfig c, int batch) {
        double trained = c.contextFrames() * encoderForward(c) + predictorForward(c);
        double target = c.targetFrames() * encoderForward(c);
        return batch * (3 * trained + target);
    }
}
