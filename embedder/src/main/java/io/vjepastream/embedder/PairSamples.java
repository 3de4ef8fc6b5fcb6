package io.vjepastream.embedder;

import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.FramePixels;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link FramePair} record into the model's {@link PairSample}. */
final class PairSamples {
    private PairSamples() {
    }

    /**
     * The pair's frames as packed RGB24, context then target, in record order.
     *
     * @throws IllegalArgumentException when the pair has no target frame or a frame cannot be decoded;
     *         the message names the frame
     */
    static PairSample from(FramePair pair) {
        if (pair.getTarget().isEmpty()) {
            throw new IllegalArgumentException("pair has no target frame");
        }
        return new PairSample(pixels(pair.getContext(), "context"), pixels(pair.getTarget(), "target"));
    }

    /** The frame whose surprise a pair measures: its last target frame. */
    static Frame lastTarget(FramePair pair) {
        List<Frame> target = pair.getTarget();
        return target.get(target.size() - 1);
    }

    private static List<byte[]> pixels(List<Frame> frames, String role) {
        List<byte[]> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            try {
                out.add(FramePixels.rgb24(frames.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(role + " frame " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
