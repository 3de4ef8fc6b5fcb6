package io.vjepastream.ingest.pair;

import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.mask.MaskBits;
import java.nio.ByteBuffer;

/**
 * Builds {@link TemporalMask} records. The TEMPORAL mask is the "predict the future" mask: every token
 * of the context frames is context, every token of the target frames is target.
 */
public final class TemporalMasks {
    private TemporalMasks() {
    }

    /**
     * The TEMPORAL mask over a {@code (contextFrames + targetFrames) x grid x grid} token grid; token
     * {@code t * grid * grid + h * grid + w} is frame {@code t}, row {@code h}, column {@code w}.
     *
     * @param contextFrames frames of context, first in the grid
     * @param targetFrames frames to predict, after the context
     * @param grid patches per row and per column
     * @param patchSize patch side in pixels
     */
    public static TemporalMask temporal(int contextFrames, int targetFrames, int grid, int patchSize) {
        if (contextFrames <= 0 || targetFrames <= 0 || grid <= 0 || patchSize <= 0) {
            throw new IllegalArgumentException("temporal mask needs positive sizes but got contextFrames=" + contextFrames
                    + ", targetFrames=" + targetFrames + ", grid=" + grid + ", patchSize=" + patchSize);
        }
        int perFrame = grid * grid;
        int contextTokens = contextFrames * perFrame;
        int total = contextTokens + targetFrames * perFrame;
        return TemporalMask.newBuilder()
                .setStrategy(MaskStrategy.TEMPORAL)
                .setGridT(contextFrames + targetFrames)
                .setGridH(grid)
                .setGridW(grid)
                .setPatchSize(patchSize)
                .setContext(ByteBuffer.wrap(MaskBits.range(total, 0, contextTokens)))
                .setTarget(ByteBuffer.wrap(MaskBits.range(total, contextTokens, total)))
                // Nothing random in a TEMPORAL mask.
                .setSeed(0L)
                .build();
    }
}
