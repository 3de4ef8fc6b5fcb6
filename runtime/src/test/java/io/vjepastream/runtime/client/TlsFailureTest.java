package io.vjepastream.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathBuilderException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

class TlsFailureTest {
    @Test
    void aBrokerCertificateTheClientDoesNotTrustPointsAtTheTruststore() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
        assertEquals(Optional.of("TLS handshake with kafka-1:9093 failed: this client does not trust the broker's"
                + " certificate (unable to find valid certification path to requested target); check"
                + " ssl.truststore.location"), TlsFailure.describe("kafka-1:9093", failed(handshake)));
    }

    @Test
    void aClientCertificateTheBrokerRefusesPointsAtTheKeystore() {
        SSLHandshakeException alert = new SSLHandshakeException("Received fatal alert: bad_certificate");
        assertEquals(Optional.of("TLS handshake with kafka-1:9093 failed: the broker refused this client's"
                + " certificate (Received fatal alert: bad_certificate); check ssl.keystore.location"),
                TlsFailure.describe("kafka-1:9093", failed(alert)));
    }

    @Test
    void anyOtherHandshakeFailureNamesBothStoresAndOtherFailuresAreNotTls() {
        String other = TlsFailure.describe("k:1", failed(new SSLHandshakeException("Received fatal alert:\n"
                + "protocol_version"))).orElseThrow();
        assertTrue(other.endsWith("failed: Received fatal alert: protocol_version; check ssl.truststore.location"
                + " and ssl.keystore.location"), other);
        assertEquals(Optional.empty(), TlsFailure.describe("k:1", new SaslAuthenticationException("bad login")));
        assertEquals(Optional.empty(), TlsFailure.describe("k:1", new KafkaException("no topic")));
    }

    /** As the Kafka client wraps a failed handshake. */
    private static KafkaException failed(SSLHandshakeException cause) {
        return new KafkaException("listing topics failed", new SslAuthenticationException("SSL handshake failed", cause));
    }
}
