package io.vjepastream.app.cli;

import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads an option's value with a parser that refuses unknown values with an
 * {@link IllegalArgumentException} naming the allowed ones, and hands picocli that message alone.
 *
 * @param <T> the option's type
 */
abstract class SettingKeyConverter<T> implements ITypeConverter<T> {
    private final Function<String, T> parser;

    SettingKeyConverter(Function<String, T> parser) {
        this.parser = parser;
    }

    @Override
    public T convert(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            // picocli prints a conversion exception's own message, without the exception's class
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
