package io.vjepastream.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SaslPlainListenerTest {
    @Test
    void theClientListenerBecomesSaslPlainAndTheControllerStaysPlaintext() {
        SaslPlainListener sasl = new SaslPlainListener(Map.of("cam", "cam-pw"));
        Properties p = BrokerProperties.of(9092, 9093, Path.of("/tmp/k"), sasl, Map.of());
        assertEquals("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.get("listeners"));
        assertEquals("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT", p.get("listener.security.protocol.map"));
        assertEquals("SASL_PLAINTEXT", p.get("inter.broker.listener.name"));
        assertEquals("PLAIN", p.get("sasl.enabled.mechanisms"));
        String jaas = (String) p.get("listener.name.sasl_plaintext.plain.sasl.jaas.config");
        assertTrue(jaas.contains("user_cam=\"cam-pw\"") && jaas.contains("user_broker="), "users are declared");
        assertEquals("PLAINTEXT://127.0.0.1:9092", BrokerProperties.of(9092, 9093, Path.of("/tmp/k"), Map.of())
                .get("advertised.listeners"), "without users nothing changes");
    }

    @Test
    void namesAndPasswordsJaasCannotCarryAreRefusedWithoutQuotingThePassword() {
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafkaBroker.builder().saslPlainUsers(Map.of("cam", "a\"b-secret")).build());
        assertTrue(quote.getMessage().startsWith("the password of SASL user cam is not allowed"), quote.getMessage());
        assertFalse(quote.getMessage().contains("b-secret"));
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafkaBroker.builder().saslPlainUsers(Map.of("a b", "pw")).build());
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafkaBroker.builder().saslPlainUsers(Map.of("broker", "pw")).build());
    }
}
