package io.vjepastream.model;

/** An optional regulariser on the online encoder's pooled embeddings ({@code aux_loss}). */
public enum AuxLossType {
    /** No auxiliary loss (the default). */
    NONE,
    /** VICReg: variance hinge towards std 1, off-diagonal covariance penalty, optional view similarity. */
    VICREG,
    /** Barlow Twins: the standardised cross-correlation of two views pulled towards the identity. */
    BARLOW_TWINS,
    /** DINO-style centering: squared distance of the batch mean to an EMA centre. */
    DINO;

    /** @return the name used in configuration files, e.g. {@code barlow_twins} */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
