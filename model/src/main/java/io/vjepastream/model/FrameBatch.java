package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.function.Function;

/**
 * Checks pairs against a configuration and turns their packed RGB24 frames into normalised float
 * tensors [pairs * frames, 3, H, W] (channel-first, ImageNet mean and standard deviation).
 *
 * <p>Actions: for an action-conditioned model ({@code actionDim > 0}) a pair's action must have
 * {@code actionDim} values, and a pair without one acts as the zero action; a model without action
 * conditioning ignores actions.
 */
final class FrameBatch {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private FrameBatch() {
    }

    /**
     * @throws InvalidPairException naming the pair, the frame and the expected and found sizes
     */
    static void validate(List<PairSample> batch, JepaConfig config) {
        for (int i = 0; i < batch.size(); i++) {
            PairSample pair = batch.get(i);
            if (pair == null) {
                throw new InvalidPairException("pair " + i + " of the batch is null");
            }
            validateFrames(i, "context", pair.context(), config.contextFrames(), config);
            validateFrames(i, "target", pair.target(), config.targetFrames(), config);
            float[] action = pair.action();
            if (config.actionDim() > 0 && action != null && action.length != config.actionDim()) {
                throw new InvalidPairException("pair " + i + " has an action of " + action.length
                        + " values, expected actionDim=" + config.actionDim());
            }
        }
    }

    private static void validateFrames(int pair, String role, List<byte[]> frames, int expected, JepaConfig config) {
        if (frames.size() != expected) {
            throw new InvalidPairException("pair " + pair + " has " + frames.size() + " " + role
                    + " frames, expected " + expected);
        }
        for (int f = 0; f < frames.size(); f++) {
            byte[] frame = frames.get(f);
            if (frame == null) {
                throw new InvalidPairException("pair " + pair + ", " + role + " frame " + f + " is null");
            }
            if (frame.length != config.frameBytes()) {
                throw new InvalidPairException("pair " + pair + ", " + role + " frame " + f + " has "
                        + frame.length + " bytes, expected " + config.frameBytes() + " ("
                        + config.imageSize() + "x" + config.imageSize() + " RGB24)");
            }
        }
    }

    /** @return the context frames of every pair, pair-major, oldest first: [B * C, 3, H, W] */
    static NDArray context(NDManager manager, List<PairSample> batch, JepaConfig config) {
        return pixels(manager, batch, PairSample::context, config.contextFrames(), config);
    }

    /** @return the target frames of every pair, pair-major: [B * Tg, 3, H, W] */
    static NDArray target(NDManager manager, List<PairSample> batch, JepaConfig config) {
        return pixels(manager, batch, PairSample::target, config.targetFrames(), config);
    }

    /** @return every frame of every pair, pair-major, context frames then target frames: [B * (C + Tg), 3, H, W] */
    static NDArray all(NDManager manager, List<PairSample> batch, JepaConfig config) {
        return pixels(manager, batch, pair -> {
            List<byte[]> frames = new java.util.ArrayList<>(pair.context());
            frames.addAll(pair.target());
            return frames;
        }, config.contextFrames() + config.targetFrames(), config);
    }

    /** @return the given frames, in order: [frames, 3, H, W] */
    static NDArray frames(NDManager manager, List<byte[]> frames, JepaConfig config) {
        int side = config.imageSize();
        int plane = side * side;
        int frameFloats = plane * JepaConfig.CHANNELS;
        float[] data = new float[frames.size() * frameFloats];
        for (int i = 0; i < frames.size(); i++) {
            toChannelFirst(frames.get(i), data, i * frameFloats, plane);
        }
        return manager.create(data, new Shape(frames.size(), JepaConfig.CHANNELS, side, side));
    }

    private static NDArray pixels(NDManager manager, List<PairSample> batch,
            Function<PairSample, List<byte[]>> role, int framesPerPair, JepaConfig config) {
        int side = config.imageSize();
        int plane = side * side;
        int frameFloats = plane * JepaConfig.CHANNELS;
        float[] data = new float[batch.size() * framesPerPair * frameFloats];
        int offset = 0;
        for (PairSample pair : batch) {
            for (byte[] frame : role.apply(pair)) {
                toChannelFirst(frame, data, offset, plane);
                offset += frameFloats;
            }
        }
        return manager.create(data, new Shape((long) batch.size() * framesPerPair, JepaConfig.CHANNELS, side, side));
    }

    private static void toChannelFirst(byte[] rgb, float[] out, int offset, int plane) {
        for (int c = 0; c < JepaConfig.CHANNELS; c++) {
            float scale = 1f / (255f * STD[c]);
            float shift = MEAN[c] / STD[c];
            int base = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                out[base + p] = (rgb[p * JepaConfig.CHANNELS + c] & 0xFF) * scale - shift;
            }
        }
    }
}
