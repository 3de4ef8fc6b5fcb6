package io.vjepastream.model;

/** The distance between predicted and layer-normed target tokens ({@code loss}). */
public enum LossType {
    /** Mean absolute difference (V-JEPA; the default). */
    L1,
    /** Mean squared difference over dimensions, averaged over target tokens (MSE). */
    L2;

    /** @return the name used in configuration files, e.g. {@code l1} */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
