package io.vjepastream.model;

/**
 * The model's reading of one pair.
 *
 * @param embedding mean-pooled target-encoder tokens of the newest frame, {@code encoderWidth} floats
 * @param energy mean L1 distance between predicted and layer-normed target tokens
 * @param patchEnergy the same distance per token of the target frame, {@code grid * grid} floats, row-major
 */
public record Scored(float[] embedding, double energy, float[] patchEnergy) {
}
