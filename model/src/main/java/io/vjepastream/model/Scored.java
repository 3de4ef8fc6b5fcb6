package io.vjepastream.model;

/**
 * The model's reading of one pair.
 *
 * @param embedding mean-pooled target-encoder tokens of the newest frame (online-encoder tokens when the
 *     target encoder mode is {@code none}), {@code encoderWidth} floats
 * @param energy mean distance (L1, or squared for {@code loss: l2}) between predicted and layer-normed
 *     target tokens
 * @param patchEnergy the same distance per grid position of the target frames, {@code grid * grid}
 *     floats, row-major (0 where the mask predicts nothing; the frame's energy everywhere for the MLP encoder)
 * @param tokens the tokens the embedding pools, {@code tokensPerFrame * encoderWidth} floats, token-major
 *     (row-major over the grid), or null when the scorer did not keep them
 */
public record Scored(float[] embedding, double energy, float[] patchEnergy, float[] tokens) {
    /** A reading without the newest frame's tokens. */
    public Scored(float[] embedding, double energy, float[] patchEnergy) {
        this(embedding, energy, patchEnergy, null);
    }
}
