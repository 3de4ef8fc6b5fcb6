package io.vjepastream.model;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Names the constants of a setting's enum in lower case and reads them back, as settings spell them. */
final class SettingKeys {
    private SettingKeys() {
    }

    /** @return {@code constant}'s name in lower case, e.g. {@code as_trained} */
    static String key(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param setting what the value is, for the message, e.g. {@code context encoder}
     * @return the constant of {@code type} whose {@link #key(Enum)} is {@code value}, ignoring case and
     *     surrounding blanks
     * @throws IllegalArgumentException naming the setting, the value and the allowed keys
     */
    static <E extends Enum<E>> E fromKey(Class<E> type, String value, String setting) {
        for (E constant : type.getEnumConstants()) {
            if (key(constant).equalsIgnoreCase(value == null ? "" : value.strip())) {
                return constant;
            }
        }
        String allowed = Stream.of(type.getEnumConstants()).map(SettingKeys::key).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + setting + " '" + value + "'; allowed: " + allowed);
    }
}
