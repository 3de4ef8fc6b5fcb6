package io.vjepastream.app.cli;

import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import picocli.CommandLine.Option;

/**
 * How a command that scores pairs runs the model: the encoder of the predictor's context and how the
 * prediction error becomes the energy. {@code vjepa embed} and {@code vjepa score} share these
 * options and their defaults, so that a recorded episode is scored as the live embedder scores it.
 */
public final class ScoringOptions {
    @Option(names = "--context-encoder", paramLabel = "ENCODER", defaultValue = "target",
            converter = ContextEncoderConverter.class,
            description = {"Encoder of the predictor's context: target (each frame through one encoder, about a fifth"
                + " cheaper) or as_trained (the encoder the predictor learned on). Default: ${DEFAULT-VALUE}."})
    private ContextEncoder contextEncoder;

    @Option(names = "--energy-measure", paramLabel = "MEASURE", defaultValue = "standardised",
            converter = EnergyMeasureConverter.class,
            description = {"How a pair's prediction error becomes its energy: standardised (each latent dimension's"
                + " squared error in units of its spread over the pair's tokens) or training_distance (the"
                + " training loss's distance). Default: ${DEFAULT-VALUE}."})
    private EnergyMeasure energyMeasure;

    /** Creates the options; picocli fills them in. */
    public ScoringOptions() {
    }

    /** @return the encoder of the predictor's context */
    public ContextEncoder contextEncoder() {
        return contextEncoder;
    }

    /** @return how the energy is measured */
    public EnergyMeasure energyMeasure() {
        return energyMeasure;
    }
}
