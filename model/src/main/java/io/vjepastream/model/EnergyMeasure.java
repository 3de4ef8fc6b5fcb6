package io.vjepastream.model;

/**
 * How a scorer turns the gap between predicted and layer-normed target tokens into a pair's energy
 * (training always minimises the configured {@link LossType} distance).
 *
 * <p>The target tokens of a frame differ from one another mostly in a few dimensions: those that tell
 * an object from the background. The training distance weighs every dimension alike, so a
 * mistake in one of those few dimensions (an object missing where the motion says it must be, an
 * object of the wrong colour) is diluted by the many dimensions in which all tokens of the frame look
 * alike. {@link #STANDARDISED} measures each dimension's error in units of how much that dimension
 * varies over the pair's own tokens (context and target frames). It needs nothing but the pair
 * itself, so a pair's energy does not depend on what it is batched with.
 *
 * <p>Standardising also makes a seeded, untrained model a strong change detector: its random
 * features keep the pixels' detail, and an error in units of the pair's own spread flags whatever
 * changed. {@code vjepa eval} therefore reports both measures for both models.
 */
public enum EnergyMeasure {
    /**
     * Per target token, the mean over dimensions of the squared error divided by that dimension's
     * variance over the pair's context and target tokens (see {@link JepaLosses#standardisedSquaredError}).
     * The default.
     */
    STANDARDISED,
    /** Per target token, the training distance: L1, or squared for {@code loss: l2}, averaged over dimensions. */
    TRAINING_DISTANCE;

    /** @return the name used in settings and reports, e.g. {@code standardised} */
    public String key() {
        return SettingKeys.key(this);
    }

    /**
     * @return the constant named {@code key}, case-insensitively
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static EnergyMeasure fromKey(String key) {
        return SettingKeys.fromKey(EnergyMeasure.class, key, "energy measure");
    }
}
