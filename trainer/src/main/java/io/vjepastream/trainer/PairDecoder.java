package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.Serdes;
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
                FramePixels.rgb24(pair.getTarget(), "target", size));
    }

    private static void checkCount(String role, List<Frame> frames, int expected) {
        if (frames.size() != expected) {
            throw new IllegalArgumentException("pair has " + frames.size() + " " + role + " frames; the model takes "
                    + expected);
        }
    }
}
