package io.vjepastream.ingest.source;

/**
 * What a synthetic clip's objects look like and how fast they go, beyond what the seed draws: the
 * band of hues their colours come from, and factors on their sizes and speeds. Training clips that
 * vary these, and a test clip outside the training band, show whether a model generalises to
 * objects it never saw.
 *
 * @param hueLow lowest hue, in [0, 1)
 * @param hueHigh highest hue, in (hueLow, 1]
 * @param sizeScale factor on every object's side, in (0, 4]
 * @param speedScale factor on every object's speed, in [0, 10]
 */
public record ObjectRanges(double hueLow, double hueHigh, double sizeScale, double speedScale) {
    /** Every hue, sizes 10-22% of the frame side and speeds 25-60% of it per second. */
    public static final ObjectRanges DEFAULT = new ObjectRanges(0, 1, 1, 1);

    /** Checks the ranges. */
    public ObjectRanges {
        check(hueLow >= 0 && hueLow < 1 && hueHigh > hueLow && hueHigh <= 1, "hues", hueLow + "-" + hueHigh,
                "LOW-HIGH with 0 <= LOW < HIGH <= 1");
        check(sizeScale > 0 && sizeScale <= 4, "scale", sizeScale, "a number in (0, 4]");
        check(speedScale >= 0 && speedScale <= 10, "speed", speedScale, "a number in [0, 10]");
    }

    /** @return the hue at {@code fraction} (in [0, 1)) of the band */
    double hue(double fraction) {
        return hueLow + (hueHigh - hueLow) * fraction;
    }

    private static void check(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("synthetic " + key + " = " + value + "; allowed: " + allowed);
        }
    }
}
