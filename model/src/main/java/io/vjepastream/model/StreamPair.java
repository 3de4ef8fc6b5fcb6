package io.vjepastream.model;

import java.util.Objects;

/**
 * A pair together with where its frames come from: the stream and each frame's presentation time, so
 * that {@link FrameEncodings} can recognise a frame that an earlier pair of the stream already brought
 * (pair n's target is a later pair's context).
 *
 * @param streamId the stream (camera) the frames belong to
 * @param ptsMicros presentation time of each frame, context frames first (oldest first), then target
 *     frames; as many as the pair has frames
 * @param sample the frames themselves, with the pair's action and mask
 */
public record StreamPair(String streamId, long[] ptsMicros, PairSample sample) {
    /**
     * @throws IllegalArgumentException when there is not one timestamp per frame of the sample
     */
    public StreamPair {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(sample, "sample");
        ptsMicros = ptsMicros.clone();
        int frames = sample.context().size() + sample.target().size();
        if (ptsMicros.length != frames) {
            throw new IllegalArgumentException("stream " + streamId + ": " + ptsMicros.length
                    + " frame timestamps for a pair of " + frames + " frames; give one per frame, context first");
        }
    }

    /** @return the presentation time of frame {@code index} (context frames first, then target frames) */
    public long ptsMicros(int index) {
        return ptsMicros[index];
    }

    /** @return the timestamps, a copy */
    @Override
    public long[] ptsMicros() {
        return ptsMicros.clone();
    }

    /** @return frame {@code index} of the pair, context frames first, then target frames */
    byte[] frame(int index) {
        int context = sample.context().size();
        return index < context ? sample.context().get(index) : sample.target().get(index - context);
    }
}
