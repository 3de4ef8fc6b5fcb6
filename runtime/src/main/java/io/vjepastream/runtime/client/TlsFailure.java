package io.vjepastream.runtime.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Describes, in one line, a TLS handshake with a broker that failed, and names the client setting to
 * check: {@code ssl.truststore.location} when this client does not trust the broker's certificate,
 * {@code ssl.keystore.location} when the broker refused the client's certificate (or its lack of one).
 */
public final class TlsFailure {
    private TlsFailure() {
    }

    /**
     * The line for {@code failure}, when it or one of its causes is a failed TLS handshake.
     *
     * @param broker  the broker the client talked to, e.g. {@code kafka-1:9093}
     * @param failure what the Kafka client threw
     * @return e.g. {@code TLS handshake with kafka-1:9093 failed: this client does not trust the broker's
     *         certificate (unable to find valid certification path to requested target); check
     *         ssl.truststore.location}; empty when the failure is not a TLS handshake
     */
    public static Optional<String> describe(String broker, Throwable failure) {
        boolean handshake = false;
        boolean brokerCertificate = false;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            handshake |= t instanceof SslAuthenticationException;
            brokerCertificate |= t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException;
            root = t;
        }
        if (!handshake) {
            return Optional.empty();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage().replaceAll("\\s*\\R\\s*", " ").trim();
        String line = "TLS handshake with " + broker + " failed: ";
        if (brokerCertificate) {
            line += "this client does not trust the broker's certificate (" + reason + "); check ssl.truststore.location";
        } else if (refusedCertificate(reason)) {
            line += "the broker refused this client's certificate (" + reason + "); check ssl.keystore.location";
        } else {
            line += reason + "; check ssl.truststore.location and ssl.keystore.location";
        }
        return Optional.of(line);
    }

    /** Whether the broker ended the handshake with an alert about the client's certificate. */
    private static boolean refusedCertificate(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("fatal alert") && (r.contains("certificate") || r.contains("unknown_ca"));
    }
}
