package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.TokenMask;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.Serdes;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns the bytes of a frame-pair record into a training sample, or says exactly why it cannot.
 */
public final class PairDecoder {
    private final AvroSerde<FramePair> serde = Serdes.framePair();
    private final JepaConfig model;

    public PairDecoder(JepaConfig model) {
        this.model = model;
    }

    /** The sample; throws IllegalArgumentException (or a serialization error) with a one-line reason. */
    public PairSample decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("empty record (null value)");
        }
        FramePair pair = serde.decode(bytes);
        checkCount("context", pair.getContext(), model.contextFrames());
        checkCount("target", pair.getTarget(), model.targetFrames());
        int size = model.imageSize();
        return new PairSample(FramePixels.rgb24(pair.getContext(), "context", size),
                FramePixels.rgb24(pair.getTarget(), "target", size), action(pair), mask(pair.getMask()));
    }

    /** The record's mask, or null for the temporal one, which the model assumes when there is none. */
    private static TokenMask mask(TemporalMask mask) {
        if (mask == null || mask.getStrategy() == MaskStrategy.TEMPORAL) {
            return null;
        }
        return TokenMask.packed(mask.getGridT(), mask.getGridH(), mask.getGridW(), bytes(mask.getContext()),
                bytes(mask.getTarget()));
    }

    private static float[] action(FramePair pair) {
        List<Float> action = pair.getAction();
        if (action == null) {
            return null;
        }
        float[] values = new float[action.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = action.get(i);
        }
        return values;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private static void checkCount(String role, List<Frame> frames, int expected) {
        if (frames.size() != expected) {
            throw new IllegalArgumentException("pair has " + frames.size() + " " + role + " frames; the model takes "
                    + expected);
        }
    }
}
