package io.vjepastream.model;

import io.vjepastream.schemas.mask.MaskBits;
import java.util.BitSet;
import java.util.Objects;

/**
 * Which tokens of a pair's T x H x W token grid are context (seen by the predictor) and which are
 * targets (predicted), in the layout of the {@code TemporalMask} record: token
 * {@code t * H * W + h * W + w}, frames counted context frames first, then target frames.
 *
 * <p>{@link #temporal(int, int, int)} is the default: every token of the context frames is context,
 * every token of the target frames is a target (predict the future). Immutable.
 */
public final class TokenMask {
    private final int frames;
    private final int gridH;
    private final int gridW;
    private final BitSet context;
    private final BitSet target;

    private TokenMask(int frames, int gridH, int gridW, BitSet context, BitSet target) {
        if (frames < 1 || gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("mask grid " + frames + " x " + gridH + " x " + gridW
                    + " must have at least one token in every axis");
        }
        int size = frames * gridH * gridW;
        if (context.length() > size || target.length() > size) {
            int last = Math.max(context.length(), target.length()) - 1;
            throw new IllegalArgumentException("mask bits reach token " + last
                    + ", but the " + frames + " x " + gridH + " x " + gridW + " grid has " + size + " tokens");
        }
        if (context.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("a mask needs at least one context and one target token; it has "
                    + context.cardinality() + " context and " + target.cardinality() + " target tokens");
        }
        this.frames = frames;
        this.gridH = gridH;
        this.gridW = gridW;
        this.context = (BitSet) context.clone();
        this.target = (BitSet) target.clone();
    }

    /**
     * @return the default mask: all tokens of the first {@code contextFrames} frames are context, all
     *     tokens of the following {@code targetFrames} frames are targets, on a {@code grid x grid} grid
     */
    public static TokenMask temporal(int contextFrames, int targetFrames, int grid) {
        int perFrame = grid * grid;
        BitSet context = new BitSet();
        context.set(0, contextFrames * perFrame);
        BitSet target = new BitSet();
        target.set(contextFrames * perFrame, (contextFrames + targetFrames) * perFrame);
        return new TokenMask(contextFrames + targetFrames, grid, grid, context, target);
    }

    /**
     * @param contextBits packed as in {@code TemporalMask}: bit {@code i} is bit {@code i % 8} of byte {@code i / 8}
     * @param targetBits the same layout
     * @throws IllegalArgumentException if a bit lies outside the grid or either set is empty
     */
    public static TokenMask packed(int frames, int gridH, int gridW, byte[] contextBits, byte[] targetBits) {
        return new TokenMask(frames, gridH, gridW, MaskBits.toBitSet(contextBits), MaskBits.toBitSet(targetBits));
    }

    /** @return a mask of the given token sets (copied) */
    public static TokenMask of(int frames, int gridH, int gridW, BitSet context, BitSet target) {
        return new TokenMask(frames, gridH, gridW, context, target);
    }

    public int frames() { return frames; }
    public int gridH() { return gridH; }
    public int gridW() { return gridW; }

    /** @return the context token indices, ascending */
    public int[] contextIndices() {
        return context.stream().toArray();
    }

    /** @return the target token indices, ascending */
    public int[] targetIndices() {
        return target.stream().toArray();
    }

    /** @return whether this is {@link #temporal(int, int, int)} of these sizes */
    public boolean isTemporal(int contextFrames, int targetFrames) {
        return gridH == gridW && equals(temporal(contextFrames, targetFrames, gridH))
                && frames == contextFrames + targetFrames;
    }

    /** @return whether any context token lies in a frame at or after {@code frame} */
    boolean contextReaches(int frame) {
        return context.nextSetBit(frame * gridH * gridW) >= 0;
    }

    /** @return whether any target token lies in a frame before {@code frame} */
    boolean targetBefore(int frame) {
        int first = target.nextSetBit(0);
        return first >= 0 && first < frame * gridH * gridW;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenMask m && frames == m.frames && gridH == m.gridH && gridW == m.gridW
                && context.equals(m.context) && target.equals(m.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frames, gridH, gridW, context, target);
    }

    @Override
    public String toString() {
        return "TokenMask[" + frames + "x" + gridH + "x" + gridW + ", " + context.cardinality() + " context, "
                + target.cardinality() + " target]";
    }
}
