package io.vjepastream.model;

import java.util.List;

/**
 * One training or scoring example: raw RGB24 frames (rows of {@code imageSize * 3} bytes, top row
 * first, no padding), context frames oldest first, then target frames; optionally the action taken
 * between the newest context frame and the target (for action-conditioned models) and a token mask
 * (default: the TEMPORAL mask, predict all of the target frames from all of the context frames).
 *
 * @param context the context frames (t-k, t by default)
 * @param target the target frames (t+k by default)
 * @param action the action vector, or null for none
 * @param mask the token mask, or null for the TEMPORAL default
 */
public record PairSample(List<byte[]> context, List<byte[]> target, float[] action, TokenMask mask) {
    public PairSample {
        context = List.copyOf(context);
        target = List.copyOf(target);
        action = action == null ? null : action.clone();
    }

    /** A pair with neither action nor mask: TEMPORAL masking. */
    public PairSample(List<byte[]> context, List<byte[]> target) {
        this(context, target, null, null);
    }

    /** @return a pair with an action and the TEMPORAL mask */
    public static PairSample withAction(List<byte[]> context, List<byte[]> target, float[] action) {
        return new PairSample(context, target, action, null);
    }

    /** @return a pair with a token mask and no action */
    public static PairSample withMask(List<byte[]> context, List<byte[]> target, TokenMask mask) {
        return new PairSample(context, target, null, mask);
    }

    /** @return the action vector (a copy), or null */
    @Override
    public float[] action() {
        return action == null ? null : action.clone();
    }
}
