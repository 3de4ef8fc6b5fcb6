package io.vjepastream.model;

/** Where the predictor's input and the regression targets come from ({@code target_encoder_mode}). */
public enum TargetEncoderMode {
    /**
     * Predictor input and targets both from the EMA target encoder; the online encoder learns only
     * through an auxiliary loss (without one it is not trained, and the target encoder stays its copy).
     */
    DEFAULT,
    /** Predictor input from the online encoder, targets from the EMA target encoder (V-JEPA 2; the default). */
    VJEPA2,
    /** No target encoder: targets are the online encoder's own output with stop-gradient. */
    NONE;

    /** @return the name used in configuration files, e.g. {@code vjepa2} */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
