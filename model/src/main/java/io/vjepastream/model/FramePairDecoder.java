package io.vjepastream.model;

import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.Serdes;
import java.util.List;

/**
 * Turns a frame-pair record into the model's {@link PairSample}, or says in one line exactly why it
 * cannot: the one decoder the trainer, the embedder and offline scoring share, so that a record one of
 * them takes the others take too. A pair must hold the model's numbers of context and target frames, each
 * of the model's size; its action and its token mask (a TEMPORAL mask is the default, so it becomes null)
 * come with it.
 */
public final class FramePairDecoder {
    private final AvroSerde<FramePair> serde = Serdes.framePair();
    private final JepaConfig model;

    /** A decoder for pairs that {@code model} takes. */
    public FramePairDecoder(JepaConfig model) {
        this.model = model;
    }

    /** The sample; throws IllegalArgumentException (or a serialization error) with a one-line reason. */
    public PairSample decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("empty record (null value)");
        }
        return decode(serde.decode(bytes));
    }

    /** The sample of a record already read; throws IllegalArgumentException with a one-line reason. */
    public PairSample decode(FramePair pair) {
        return sample(pair, model);
    }

    /**
     * The sample of a record already read, for a model that {@code model} configures.
     *
     * @throws IllegalArgumentException naming the frame or count that does not fit the model
     */
    public static PairSample sample(FramePair pair, JepaConfig model) {
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
        return TokenMask.packed(mask.getGridT(), mask.getGridH(), mask.getGridW(), FramePixels.bytes(mask.getContext()),
                FramePixels.bytes(mask.getTarget()));
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

    private static void checkCount(String role, List<Frame> frames, int expected) {
        if (frames.size() != expected) {
            throw new IllegalArgumentException("pair has " + frames.size() + " " + role + " frames; the model takes "
                    + expected);
        }
    }
}
