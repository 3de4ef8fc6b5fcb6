package io.vjepastream.app.cli;

import io.vjepastream.model.ContextEncoder;

/** Reads {@code --context-encoder} values case-insensitively, refusing others with the allowed ones. */
public final class ContextEncoderConverter extends SettingKeyConverter<ContextEncoder> {
    /** Creates the converter; picocli instantiates it. */
    public ContextEncoderConverter() {
        super(ContextEncoder::fromKey);
    }
}
