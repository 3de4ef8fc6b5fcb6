package io.vjepastream.app.cli;

import io.vjepastream.runtime.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option's duration as {@link Durations#parse} does: {@code 500ms}, {@code 90s}, {@code 2m},
 * {@code 1h}, {@code 1d}, a plain number of seconds ({@code 30}), or ISO-8601 ({@code PT2M}).
 *
 * <pre>{@code @Option(names = "--duration", converter = DurationConverter.class) Duration duration;}</pre>
 */
public final class DurationConverter implements ITypeConverter<Duration> {
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
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
