package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The energy, patch energy and embedding of a batch of pairs, in one forward pass of the networks.
 * The caller decides about gradients and locking (see {@link JepaInference}).
 */
final class PairScorer {
    private PairScorer() {
    }

    /**
     * @throws InvalidPairException if a pair has the wrong number of frames or a frame the wrong size
     */
    static List<Scored> score(JepaNetworks networks, List<PairSample> batch) {
        JepaConfig config = networks.config();
        FrameBatch.validate(batch, config);
        if (batch.isEmpty()) {
            return List.of();
        }
        int pairs = batch.size();
        int tokens = config.tokensPerFrame();
        int width = config.encoderWidth();
        int targetFrames = config.targetFrames();
        try (NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray predicted = networks.predict(store, FrameBatch.context(step, batch, config), pairs, false);
            NDArray encoded = networks.encodeTargets(store, FrameBatch.target(step, batch, config), pairs);
            NDArray perToken = JepaLosses.l1PerToken(predicted, JepaLosses.tokenLayerNorm(encoded))
                    .reshape(pairs, targetFrames, tokens);
            // PyTorch's mean here takes one axis at a time
            float[] energies = perToken.reshape(pairs, (long) targetFrames * tokens).mean(new int[] {1}).toFloatArray();
            // with several target frames, a patch's energy is its mean over them
            float[] patches = perToken.mean(new int[] {1}).toFloatArray();
            float[] embeddings = encoded.reshape(pairs, targetFrames, tokens, width)
                    .get(":, -1").mean(new int[] {1}).toFloatArray();
            List<Scored> scores = new ArrayList<>(pairs);
            for (int i = 0; i < pairs; i++) {
                scores.add(new Scored(slice(embeddings, i, width), energies[i], slice(patches, i, tokens)));
            }
            return scores;
        }
    }

    private static float[] slice(float[] values, int index, int length) {
        float[] out = new float[length];
        System.arraycopy(values, index * length, out, 0, length);
        return out;
    }
}
