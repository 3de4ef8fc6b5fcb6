package io.vjepastream.embedder;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reading the embedder's settings from strings: each parser names the key, the value and what is
 * allowed when the value does not parse, so a typo in a properties file or a flag is reported where it is.
 */
final class SettingValues {
    private SettingValues() {
    }

    /** Removes {@code key} from {@code properties} and hands its value to {@code setter}, if it is there. */
    static void take(Map<String, String> properties, String key, Consumer<String> setter) {
        String value = properties.remove(key);
        if (value != null) {
            setter.accept(value);
        }
    }

    static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a number");
        }
    }

    static boolean parseBoolean(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    /** The error for setting {@code key} to {@code value}, which must be {@code allowed}. */
    static IllegalArgumentException invalid(String key, Object value, String allowed) {
        return new IllegalArgumentException("embedder setting " + key + "=" + value + " is invalid: must be " + allowed);
    }
}
