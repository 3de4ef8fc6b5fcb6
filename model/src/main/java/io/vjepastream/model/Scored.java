package io.vjepastream.model;

/**
 * The model's reading of one pair.
 *
 * @param embedding mean-pooled target-encoder tokens of the newest frame (online-encoder tokens when the
 *     target encoder mode is {@code none}), {@code encoderWidth} floats
 * @param energy mean error of the predicted against the layer-normed target tokens, as the scorer's
 *     {@link EnergyMeasure} measures it
 * @param patchEnergy the same error per grid position of the target frames, {@code grid * grid}
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
