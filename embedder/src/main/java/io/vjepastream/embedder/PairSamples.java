package io.vjepastream.embedder;

import io.vjepastream.model.PairSample;
import io.vjepastream.model.StreamPair;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.FramePixels;
import java.util.List;

/** Turns a {@link FramePair} record into the model's {@link PairSample} and {@link StreamPair}. */
final class PairSamples {
    private PairSamples() {
    }

    /**
     * The pair's frames as packed RGB24, context then target, in record order, with the pair's action
     * (an action-conditioned model is scored with it; other models ignore it). The record's mask is not
     * used: the energy is always the TEMPORAL prediction of the target frames from the context frames.
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
                FramePixels.rgb24(pair.getTarget(), "target", imageSize), action(pair.getAction()), null);
    }

    /**
     * {@link #from} with the stream id and each frame's presentation time, which let the scorer reuse
     * the encodings of frames an earlier pair of the stream brought.
     *
     * @throws IllegalArgumentException as {@link #from} does
     */
    static StreamPair input(FramePair pair, int imageSize) {
        PairSample sample = from(pair, imageSize);
        List<Frame> context = pair.getContext();
        List<Frame> target = pair.getTarget();
        long[] pts = new long[context.size() + target.size()];
        for (int i = 0; i < context.size(); i++) {
            pts[i] = context.get(i).getPtsMicros();
        }
        for (int i = 0; i < target.size(); i++) {
            pts[context.size() + i] = target.get(i).getPtsMicros();
        }
        return new StreamPair(pair.getStreamId(), pts, sample);
    }

    /** The frame whose surprise a pair measures: its last target frame. */
    static Frame lastTarget(FramePair pair) {
        List<Frame> target = pair.getTarget();
        return target.get(target.size() - 1);
    }

    private static float[] action(List<Float> values) {
        if (values == null) {
            return null;
        }
        float[] action = new float[values.size()];
        for (int i = 0; i < action.length; i++) {
            action[i] = values.get(i);
        }
        return action;
    }
}
