package io.vjepastream.ingest.pair;

import io.vjepastream.records.MaskStrategy;
import java.util.Objects;

/**
 * How each pair's {@link io.vjepastream.records.TemporalMask} is chosen.
 *
 * @param strategy TEMPORAL (the default: predict the whole target frame), TUBE, BLOCK or RANDOM
 * @param ratio for RANDOM, the fraction of all tokens that become targets; in (0, 1); the block
 *        strategies take their sizes from the V-JEPA block settings instead
 * @param seed base seed; each pair's mask seed is derived from it, the stream id and the pair's
 *        sequence, and recorded in the mask, so every mask can be reproduced
 */
public record MaskSettings(MaskStrategy strategy, double ratio, long seed) {
    /** RANDOM's default target ratio. */
    static final double DEFAULT_RATIO = 0.75;

    /** Checks the values, naming the key, the value and what is allowed. */
    public MaskSettings {
        Objects.requireNonNull(strategy, "mask strategy");
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException("invalid ingest config: maskRatio = " + ratio
                    + "; allowed: a fraction strictly between 0 and 1");
        }
    }

    /** TEMPORAL masks, ratio {@value #DEFAULT_RATIO}, seed 0. */
    public static MaskSettings defaults() {
        return new MaskSettings(MaskStrategy.TEMPORAL, DEFAULT_RATIO, 0L);
    }

    /** The same settings with another strategy. */
    public MaskSettings withStrategy(MaskStrategy value) {
        return new MaskSettings(value, ratio, seed);
    }

    /** The same settings with another ratio. */
    public MaskSettings withRatio(double value) {
        return new MaskSettings(strategy, value, seed);
    }

    /** The same settings with another seed. */
    public MaskSettings withSeed(long value) {
        return new MaskSettings(strategy, ratio, value);
    }
}
