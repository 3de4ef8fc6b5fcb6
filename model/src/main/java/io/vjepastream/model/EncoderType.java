package io.vjepastream.model;

/** The encoder architecture that turns a frame into tokens ({@code encoder_type}). */
public enum EncoderType {
    /** A ViT: patch embedding, pre-LN transformer blocks; one token per patch (the default). */
    VIT,
    /** A convolutional stem and patchifier with residual convolution blocks; the same token grid as VIT. */
    CNN,
    /** An MLP over the whole frame: one token per frame, so only TEMPORAL masks apply. */
    MLP;

    /** @return the name used in configuration files, e.g. {@code vit} */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
