package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores pairs as {@link PairScorer} does, taking each frame's encoder tokens from a
 * {@link FrameEncodings} cache where it holds them: each encoder runs once, on the frames the cache
 * lacks (a frame shared by several pairs of the batch only once), then the predictor and the energy
 * run for the whole batch in one pass.
 *
 * <p>The encoders see every frame on its own (patches, attention within the frame, per-token norms),
 * so a frame's tokens do not depend on the pair or the batch it came in, and cached tokens are the
 * ones the plain pass computes. Which encoder serves which role follows the model's
 * {@link TargetEncoderMode} exactly as in {@link JepaForward}; with TEMPORAL masks the context frames
 * need the predictor-input encoder and the target frames the target side, with other masks every
 * frame needs both and the tokens are picked by index.
 */
final class CachedPairScorer {
    private CachedPairScorer() {
    }

    /**
     * @param modelId identifies the weights; a cache filled by another model is emptied first
     * @param mode the encoder roles: the config's mode, or another for {@link ContextEncoder#TARGET}
     * @param measure how the energy is measured
     * @param keepTokens whether each reading carries the newest frame's tokens
     * @throws InvalidPairException if a pair has the wrong number of frames, a frame the wrong size,
     *     or a mask or action that does not fit the config
     */
    static List<Scored> score(JepaNetworks networks, long modelId, TargetEncoderMode mode, EnergyMeasure measure,
            boolean keepTokens, List<StreamPair> batch, FrameEncodings cache) {
        JepaConfig config = networks.config();
        List<PairSample> samples = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == null) {
                throw new InvalidPairException("pair " + i + " of the batch is null");
            }
            samples.add(batch.get(i).sample());
        }
        FrameBatch.validate(samples, config);
        if (samples.isEmpty()) {
            return List.of();
        }
        MaskPlan plan = MaskPlan.of(samples, config);
        cache.bindTo(modelId);
        Block inputEncoder = mode == TargetEncoderMode.DEFAULT ? networks.target() : networks.online();
        Block targetEncoder = mode == TargetEncoderMode.NONE ? networks.online() : networks.target();
        int contextFrames = config.contextFrames();
        int frames = contextFrames + config.targetFrames();
        try (NDManager step = networks.newStepManager()) {
            Encoding encoding = new Encoding(networks, new ParameterStore(step, false), step, batch, cache);
            NDArray contextTokens;
            NDArray targetTokens;
            NDArray targetSide;
            if (plan.temporal()) {
                contextTokens = encoding.tokens(inputEncoder, 0, contextFrames);
                targetSide = encoding.tokens(targetEncoder, contextFrames, frames);
                targetTokens = targetSide;
            } else {
                NDArray input = encoding.tokens(inputEncoder, 0, frames);
                targetSide = targetEncoder == inputEncoder ? input : encoding.tokens(targetEncoder, 0, frames);
                contextTokens = JepaForward.pick(input, step, plan.context());
                targetTokens = JepaForward.pick(targetSide, step, plan.target());
            }
            long perFrame = config.tokensPerFrame();
            NDArray newest = targetSide.get(":, {}:, :", targetSide.getShape().get(1) - perFrame);
            NDArray predicted = JepaForward.predict(networks, encoding.store, step, samples, contextTokens, plan, false);
            return PairScorer.scores(config, measure, predicted, targetTokens, contextTokens, newest, plan, keepTokens);
        }
    }

    /** One batch's token lookups: the cache first, then one encoder call for what it lacks. */
    private static final class Encoding {
        private final JepaNetworks networks;
        private final ParameterStore store;
        private final NDManager step;
        private final List<StreamPair> batch;
        private final FrameEncodings cache;

        Encoding(JepaNetworks networks, ParameterStore store, NDManager step, List<StreamPair> batch,
                FrameEncodings cache) {
            this.networks = networks;
            this.store = store;
            this.step = step;
            this.batch = batch;
            this.cache = cache;
        }

        /** @return {@code encoder}'s tokens of frames [from, to) of every pair: [B, (to - from) * tokensPerFrame, D] */
        NDArray tokens(Block encoder, int from, int to) {
            int slot = encoder == networks.online() ? FrameEncodings.ONLINE : FrameEncodings.TARGET;
            int pairs = batch.size();
            int count = to - from;
            float[][][] found = new float[pairs][count][];
            Map<FrameId, List<int[]>> missing = new LinkedHashMap<>();
            for (int i = 0; i < pairs; i++) {
                StreamPair pair = batch.get(i);
                for (int f = from; f < to; f++) {
                    FrameId id = new FrameId(pair.streamId(), pair.ptsMicros(f), pair.frame(f));
                    List<int[]> waiting = missing.get(id);
                    float[] tokens = waiting != null ? null : cache.get(id.streamId, id.ptsMicros, id.frame, slot);
                    if (tokens != null) {
                        found[i][f - from] = tokens;
                    } else {
                        missing.computeIfAbsent(id, k -> new ArrayList<>()).add(new int[] {i, f - from});
                    }
                }
            }
            if (!missing.isEmpty()) {
                encodeMissing(encoder, slot, missing, found);
            }
            JepaConfig config = networks.config();
            int frameFloats = config.tokensPerFrame() * config.encoderWidth();
            float[] data = new float[pairs * count * frameFloats];
            for (int i = 0; i < pairs; i++) {
                for (int f = 0; f < count; f++) {
                    System.arraycopy(found[i][f], 0, data, (i * count + f) * frameFloats, frameFloats);
                }
            }
            return step.create(data, new Shape(pairs, (long) count * config.tokensPerFrame(), config.encoderWidth()));
        }

        private void encodeMissing(Block encoder, int slot, Map<FrameId, List<int[]>> missing, float[][][] found) {
            List<byte[]> frames = new ArrayList<>(missing.size());
            missing.keySet().forEach(id -> frames.add(id.frame));
            NDArray pixels = FrameBatch.frames(step, frames, networks.config());
            float[] all = encoder.forward(store, new NDList(pixels), false).singletonOrThrow().toFloatArray();
            int frameFloats = all.length / frames.size();
            int m = 0;
            for (Map.Entry<FrameId, List<int[]>> e : missing.entrySet()) {
                float[] tokens = Arrays.copyOfRange(all, m * frameFloats, (m + 1) * frameFloats);
                m++;
                FrameId id = e.getKey();
                cache.put(id.streamId, id.ptsMicros, id.frame, slot, tokens);
                for (int[] at : e.getValue()) {
                    found[at[0]][at[1]] = tokens;
                }
            }
        }
    }

    /** A frame of a stream, equal to another only with the same stream, timestamp and bytes. */
    private static final class FrameId {
        final String streamId;
        final long ptsMicros;
        final byte[] frame;

        FrameId(String streamId, long ptsMicros, byte[] frame) {
            this.streamId = streamId;
            this.ptsMicros = ptsMicros;
            this.frame = frame;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FrameId other && ptsMicros == other.ptsMicros && streamId.equals(other.streamId)
                    && Arrays.equals(frame, other.frame);
        }

        @Override
        public int hashCode() {
            // the bytes decide equality only; hashing them too would cost a pass over every frame
            return Objects.hash(streamId, ptsMicros);
        }
    }
}
