package io.vjepastream.model;

/**
 * What the auxiliary loss ({@code aux_loss}) treats as one sample of its batch statistics
 * ({@code aux_views}).
 */
public enum AuxViews {
    /**
     * One mean-pooled embedding per frame: the batch is the pairs. Keeps whole-frame embeddings
     * apart, but says nothing about the tokens within a frame.
     */
    POOLED,
    /**
     * Every token of the frame: the batch is pairs x tokens. Keeps the tokens of different places and
     * different scenes apart, which is what per-patch prediction errors need; a frame whose tokens
     * all look alike is penalised even when whole frames differ.
     */
    TOKENS;

    /** @return the name used in configuration files */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
