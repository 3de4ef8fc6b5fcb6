package io.vjepastream.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client listener of an {@link EmbeddedKafkaBroker} with SASL/PLAIN authentication over
 * {@code SASL_PLAINTEXT}: the users clients may log in as, plus the broker's own login for the
 * requests it sends itself (transaction markers), whose password is random and never leaves the JVM.
 */
final class SaslPlainListener implements ClientListener {
    /** Name and security protocol of the listener. */
    static final String LISTENER = "SASL_PLAINTEXT";
    /** The broker's own user. */
    static final String BROKER_USER = "broker";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final Map<String, String> users;
    private final String brokerPassword;

    /**
     * @param users user name to password; names are letters, digits, '.', '_' or '-', and
     *              passwords may not contain a double quote or a backslash (JAAS quoting)
     * @throws IllegalArgumentException naming the user whose name or password is not allowed
     */
    SaslPlainListener(Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL/PLAIN listener needs at least one user");
        }
        users.forEach((name, password) -> {
            Objects.requireNonNull(password, () -> "password of SASL user " + name);
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("SASL user name '" + name
                        + "' is not allowed: use letters, digits, '.', '_' or '-'");
            }
            if (name.equals(BROKER_USER)) {
                throw new IllegalArgumentException("SASL user name '" + BROKER_USER + "' is the broker's own");
            }
            if (password.isEmpty() || password.contains("\"") || password.contains("\\")) {
                throw new IllegalArgumentException("the password of SASL user " + name
                        + " is not allowed: it must be non-empty, without '\"' or '\\'");
            }
        });
        this.users = Map.copyOf(users);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        this.brokerPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public String protocol() {
        return LISTENER;
    }

    /** The broker properties that enable PLAIN on this listener with the users and the broker's login. */
    @Override
    public Map<String, String> brokerProperties() {
        StringBuilder jaas = new StringBuilder(LOGIN_MODULE).append(" required username=\"").append(BROKER_USER)
                .append("\" password=\"").append(brokerPassword).append("\" user_").append(BROKER_USER)
                .append("=\"").append(brokerPassword).append('"');
        users.forEach((name, password) -> jaas.append(" user_").append(name).append("=\"").append(password).append('"'));
        jaas.append(';');
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("listener.name." + LISTENER.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config", jaas.toString());
        return p;
    }

    /** Client properties that log in as the broker's own user, for the broker's readiness check. */
    @Override
    public Map<String, Object> clientProperties() {
        return Map.of("security.protocol", LISTENER, "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                LOGIN_MODULE + " required username=\"" + BROKER_USER + "\" password=\"" + brokerPassword + "\";");
    }
}
