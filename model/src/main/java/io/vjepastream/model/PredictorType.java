package io.vjepastream.model;

/** The predictor architecture ({@code predictor_type}). */
public enum PredictorType {
    /**
     * A transformer over the context tokens with one query per target token ({@link Predictor}); takes
     * any mask and actions.
     */
    TRANSFORMER,
    /**
     * A local transport predictor ({@link TransportPredictor}): each target token is a weighted mix of
     * the newest context frame's tokens around its place, plus a learned correction. TEMPORAL masks,
     * at least two context frames, one target frame and no actions.
     */
    TRANSPORT;

    /** @return the name used in configuration files, e.g. {@code transport} */
    public String key() {
        return SettingKeys.key(this);
    }
}
