package io.vjepastream.embedder;

import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.FramePixels;
import java.util.List;

/** Turns a {@link FramePair} record into the model's {@link PairSample}. */
final class PairSamples {
    private PairSamples() {
    }

    /**
     * The pair's frames as packed RGB24, context then target, in record order.
     *
     * @param imageSize the side of the square frames the serving model takes
     * @throws IllegalArgumentException when the pair has no target frame or a frame is of another size or
     *         cannot be decoded; the message names the frame
     */
    static PairSample from(FramePair pair, int imageSize) {
        if (pair.getTarget().isEmpty()) {
            throw new IllegalArgumentException("pair has no target frame");
        }
        return new PairSample(FramePixels.rgb24(pair.getContext(), "context", imageSize),
                FramePixels.rgb24(pair.getTarget(), "target", imageSize));
    }

    /** The frame whose surprise a pair measures: its last target frame. */
    static Frame lastTarget(FramePair pair) {
        List<Frame> target = pair.getTarget();
        return target.get(target.size() - 1);
    }
}
