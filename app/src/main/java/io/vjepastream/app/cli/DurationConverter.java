package io.vjepastream.app.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration the way people type one: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h},
 * {@code 1d}, a plain number of seconds ({@code 30}), or ISO-8601 ({@code PT2M}). Negative
 * durations are refused.
 *
 * <pre>{@code @Option(names = "--duration", converter = DurationConverter.class) Duration duration;}</pre>
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /** Creates the converter; picocli does this through the {@code converter} attribute. */
    public DurationConverter() {
    }

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses one duration.
     *
     * @throws TypeConversionException naming the value and the accepted forms when it is none of them
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

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 90s, 2m, 1h, "
                + "a number of seconds such as 30, or ISO-8601 such as PT2M");
    }
}
