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
    TRANSPORT,
    /**
     * The transport predictor's network choosing a flow instead of a mix: the newest context frame's
     * pixels are moved by it (bilinear, so by parts of a patch too) and encoded by the target encoder,
     * plus the learned correction ({@link PixelWarp}). As {@code transport}, and the encoder must
     * take pixels ({@code vit} or {@code cnn}).
     */
    WARP;

    /** @return whether this predictor moves the newest context frame: {@code transport} or {@code warp} */
    public boolean moves() {
        return this != TRANSFORMER;
    }

    /** @return the name used in configuration files, e.g. {@code transport} */
    public String key() {
        return SettingKeys.key(this);
    }
}
