package io.vjepastream.broker;

import java.util.Map;

/**
 * How the client listener of an {@link EmbeddedKafkaBroker} admits clients: its security protocol,
 * which is also its name, the broker properties that set it up, and the client properties the broker's
 * own readiness check connects with.
 */
interface ClientListener {
    /** Clients connect without authentication or encryption. */
    ClientListener PLAINTEXT = new ClientListener() {
        @Override
        public String protocol() {
            return "PLAINTEXT";
        }

        @Override
        public Map<String, String> brokerProperties() {
            return Map.of();
        }

        @Override
        public Map<String, Object> clientProperties() {
            return Map.of();
        }
    };

    /** The listener's name and {@code security.protocol}, e.g. {@code SASL_PLAINTEXT}. */
    String protocol();

    /** Broker properties the listener needs besides its name and port. */
    Map<String, String> brokerProperties();

    /** Client properties with which the broker's own admin client is admitted. */
    Map<String, Object> clientProperties();

    /**
     * The listener a broker built with these settings opens.
     *
     * @param saslUsers SASL/PLAIN user name to password; empty for none
     * @param tls       the broker's certificate and the certificates it trusts; null for none
     * @throws IllegalArgumentException when both are given: the listener is one or the other
     */
    static ClientListener of(Map<String, String> saslUsers, TlsMaterial tls) {
        if (!saslUsers.isEmpty() && tls != null) {
            throw new IllegalArgumentException("the embedded broker's client listener takes either SASL/PLAIN users"
                    + " or mutual TLS, not both");
        }
        if (tls != null) {
            return new MutualTlsListener(tls);
        }
        return saslUsers.isEmpty() ? PLAINTEXT : new SaslPlainListener(saslUsers);
    }
}
