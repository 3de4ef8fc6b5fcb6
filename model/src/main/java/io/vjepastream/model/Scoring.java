package io.vjepastream.model;

import java.util.Objects;

/**
 * How a {@link JepaInference} scores a batch: the encoder of the predictor's context, how the prediction
 * error becomes the energy, and whether the scores carry the newest frame's tokens. A value given with each
 * call, so callers that share one model (the embedder's stream threads, an evaluation's readings) never
 * change how the others score.
 *
 * @param contextEncoder the encoder of the predictor's context; see {@link ContextEncoder}
 * @param energyMeasure how the energy is measured; see {@link EnergyMeasure}
 * @param keepTokens whether scores carry {@link Scored#tokens()}; without them a reading skips copying
 *     {@code tokensPerFrame * encoderWidth} floats a pair
 */
public record Scoring(ContextEncoder contextEncoder, EnergyMeasure energyMeasure, boolean keepTokens) {
    /** As trained, the standardised energy, with tokens. */
    public static final Scoring DEFAULT = new Scoring(ContextEncoder.AS_TRAINED, EnergyMeasure.STANDARDISED, true);

    public Scoring {
        Objects.requireNonNull(contextEncoder, "contextEncoder");
        Objects.requireNonNull(energyMeasure, "energyMeasure");
    }

    /** The same with another context encoder. */
    public Scoring with(ContextEncoder encoder) {
        return new Scoring(encoder, energyMeasure, keepTokens);
    }

    /** The same with another energy measure. */
    public Scoring with(EnergyMeasure measure) {
        return new Scoring(contextEncoder, measure, keepTokens);
    }

    /** The same with or without the newest frame's tokens. */
    public Scoring withTokens(boolean keep) {
        return new Scoring(contextEncoder, energyMeasure, keep);
    }
}
