package io.vjepastream.runtime.client;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hides secret values of Kafka client settings wherever a setting or an error is printed.
 *
 * <p>The rule: a key is secret when, in lower case, it contains {@code password}, {@code secret},
 * {@code jaas}, {@code token}, {@code credential} or {@code user.info}, or ends in {@code .key}
 * (a PEM private key such as {@code ssl.keystore.key}). Its value prints as {@value #HIDDEN}. Any
 * other value that looks like inline credentials ({@code password=} inside it) is hidden as well.
 * Keys are never hidden, so an operator can still see which settings were given.
 */
public final class Redaction {
    /** What a hidden value prints as; Kafka prints its own password settings the same way. */
    public static final String HIDDEN = "[hidden]";
    private static final String[] SECRET_PARTS = {"password", "secret", "jaas", "token", "credential", "user.info"};
    /** Secrets shorter than this are not searched for in free text: they would match ordinary words. */
    private static final int MIN_SCRUB_LENGTH = 4;

    private Redaction() {
    }

    /** Whether the value of {@code key} is a secret by the rule above. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String part : SECRET_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        return k.endsWith(".key");
    }

    /** The printable form of one setting's value: {@value #HIDDEN} for a secret, the value otherwise. */
    public static String value(String key, Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        if (isSecret(key) || text.toLowerCase(Locale.ROOT).contains("password=")) {
            return HIDDEN;
        }
        return text;
    }

    /** {@code key=value} with the value redacted. */
    public static String entry(String key, Object value) {
        return key + "=" + value(key, value);
    }

    /** A sorted copy of {@code properties} with every secret value replaced, for logs and messages. */
    public static Map<String, String> map(Map<String, ?> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((key, value) -> out.put(key, value(key, value)));
        return out;
    }

    /** {@code {a=1, sasl.jaas.config=[hidden]}}: the settings as one printable line, sorted by key. */
    public static String toString(Map<String, ?> properties) {
        return map(properties).toString();
    }

    /**
     * {@code text} with every secret value of {@code properties} cut out, for error messages that
     * may quote a setting (a parse error of a JAAS line, a refused value).
     */
    public static String scrub(String text, Map<String, ?> properties) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String secret = String.valueOf(e.getValue());
            if (secret.length() >= MIN_SCRUB_LENGTH && !value(e.getKey(), secret).equals(secret)) {
                out = out.replace(secret, HIDDEN);
            }
        }
        return out;
    }
}
