package io.vjepastream.ingest.source;

import java.util.Locale;

/**
 * A kind of rule break a {@link SyntheticScene} can plant, and the labels of its events: every kind but
 * {@link #APPEAR} (the end of a vanishing) can be planted.
 */
public enum PlantedAnomaly {
    TELEPORT, VANISH, APPEAR, COLOUR, STALL, REVERSE;

    /** The lower-case name used in URIs, labels and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a kind that can be planted: {@code teleport}, {@code vanish}, {@code colour} (or
     * {@code color}), {@code stall} or {@code reverse}, in any case.
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static PlantedAnomaly parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "teleport" -> TELEPORT;
            case "vanish" -> VANISH;
            case "colour", "color" -> COLOUR;
            case "stall" -> STALL;
            case "reverse" -> REVERSE;
            case "appear" -> throw new IllegalArgumentException(
                    "anomaly 'appear' is the end of a vanishing: plant 'vanish' to get both");
            default -> throw new IllegalArgumentException(
                    "unknown anomaly '" + name + "'; allowed: teleport, vanish, colour, stall, reverse");
        };
    }
}
