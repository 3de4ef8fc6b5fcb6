package io.vjepastream.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations the way people type them: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 1d}, a
 * plain number of seconds ({@code 30}), or ISO-8601 ({@code PT2M}); negative ones are refused. Written back
 * by {@link #format(Duration)} in the largest unit that keeps the value whole, so that a default reads
 * {@code 5ms}, not {@code PT0.005S}.
 */
public final class Durations {
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    /** The accepted forms, for error messages. */
    public static final String FORMS = "e.g. 500ms, 90s, 2m, 1h, a number of seconds such as 30, or ISO-8601 such as PT2M";

    private Durations() {
    }

    /**
     * Parses one duration.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms when it is none of them
     */
    public static Duration parse(String value) {
        String text = value == null ? "" : value.trim();
        try {
            Matcher m = SHORT_FORM.matcher(text.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                return ofUnit(Long.parseLong(m.group(1)), m.group(2) == null ? "s" : m.group(2));
            }
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                Duration duration = Duration.parse(text);
                if (!duration.isNegative()) {
                    return duration;
                }
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw invalid(value);
        }
        throw invalid(value);
    }

    /** {@code d} in the short form {@link #parse} reads back: {@code 5ms}, {@code 90s}, {@code 2m}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (d.isZero()) {
            return "0s";
        }
        if (!d.equals(Duration.ofMillis(millis))) {
            return d.toString();
        }
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Duration ofUnit(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("'" + value + "' is not a duration; use " + FORMS);
    }
}
