package io.vjepastream.embedder;

import io.vjepastream.model.FramePairDecoder;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.StreamPair;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import java.util.List;

/** Turns a {@link FramePair} record into the model's {@link PairSample} and {@link StreamPair}. */
final class PairSamples {
    private PairSamples() {
    }

    /**
     * The pair as {@link FramePairDecoder} reads it, with its action (an action-conditioned model is scored
     * with it; other models ignore it) but not its mask: the energy is always the TEMPORAL prediction of the
     * target frames from the context frames.
     *
     * @param model the serving model's config
     * @throws IllegalArgumentException when the pair does not fit the model; the message names the frame
     */
    static PairSample from(FramePair pair, JepaConfig model) {
        PairSample sample = FramePairDecoder.sample(pair, model);
        return PairSample.withAction(sample.context(), sample.target(), sample.action());
    }

    /**
     * {@link #from} with the stream id and each frame's presentation time, which let the scorer reuse
     * the encodings of frames an earlier pair of the stream brought.
     *
     * @throws IllegalArgumentException as {@link #from} does
     */
    static StreamPair input(FramePair pair, JepaConfig model) {
        PairSample sample = from(pair, model);
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
}
