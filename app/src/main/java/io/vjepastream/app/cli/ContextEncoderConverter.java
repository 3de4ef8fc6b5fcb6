package io.vjepastream.app.cli;

import io.vjepastream.model.ContextEncoder;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --context-encoder} values case-insensitively, refusing others with the allowed ones. */
public final class ContextEncoderConverter implements ITypeConverter<ContextEncoder> {
    /** Creates the converter; picocli instantiates it. */
    public ContextEncoderConverter() {
    }

    @Override
    public ContextEncoder convert(String value) {
        try {
            return ContextEncoder.fromKey(value);
        } catch (IllegalArgumentException e) {
            // picocli prints a conversion exception's own message, without the exception's class
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
