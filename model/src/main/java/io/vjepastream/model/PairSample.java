package io.vjepastream.model;

import java.util.List;

/**
 * One training or scoring example: raw RGB24 frames (rows of {@code imageSize * 3} bytes, top row
 * first, no padding), context frames oldest first, then target frames.
 *
 * @param context the context frames (t-k, t by default)
 * @param target the target frames (t+k by default)
 */
public record PairSample(List<byte[]> context, List<byte[]> target) {
    public PairSample {
        context = List.copyOf(context);
        target = List.copyOf(target);
    }
}
