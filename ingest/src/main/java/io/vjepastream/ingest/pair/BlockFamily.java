package io.vjepastream.ingest.pair;

/**
 * A family of rectangular blocks in V-JEPA's multi-block masking: {@code count} blocks, each
 * covering about {@code scale} of a frame's patches, with a height-to-width aspect ratio drawn
 * log-uniformly from {@code [minAspect, maxAspect]}.
 *
 * @param count blocks per mask
 * @param scale fraction of a frame's patches one block covers
 * @param minAspect smallest height / width ratio
 * @param maxAspect largest height / width ratio
 */
record BlockFamily(int count, double scale, double minAspect, double maxAspect) {
    /** V-JEPA's "short range" masks: 8 blocks at spatial scale 0.15, aspect ratio 0.75 to 1.5. */
    public static final BlockFamily SHORT_RANGE = new BlockFamily(8, 0.15, 0.75, 1.5);
    /** V-JEPA's "long range" masks: 2 blocks at spatial scale 0.7, aspect ratio 0.75 to 1.5. */
    public static final BlockFamily LONG_RANGE = new BlockFamily(2, 0.7, 0.75, 1.5);

    /** Checks that the family can produce at least one block. */
    public BlockFamily {
        if (count <= 0 || !(scale > 0 && scale <= 1) || !(minAspect > 0) || maxAspect < minAspect) {
            throw new IllegalArgumentException("block family needs count >= 1, scale in (0, 1] and 0 < minAspect <= "
                    + "maxAspect but got count=" + count + ", scale=" + scale + ", aspect=[" + minAspect + ", "
                    + maxAspect + "]");
        }
    }
}
