package io.vjepastream.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutualTlsListenerTest {
    @TempDir
    Path dir;

    @Test
    void theClientListenerBecomesSslWithRequiredClientCertificatesAndTheControllerStaysPlaintext() throws Exception {
        TlsMaterial tls = new TlsMaterial(Files.createFile(dir.resolve("k.p12")), "key-secret",
                Files.createFile(dir.resolve("t.p12")), "trust-secret");
        ClientListener listener = ClientListener.of(Map.of(), tls);
        Properties p = BrokerProperties.of(9092, 9093, Path.of("/tmp/k"), listener, Map.of());
        assertEquals("SSL://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.get("listeners"));
        assertEquals("SSL:SSL,CONTROLLER:PLAINTEXT", p.get("listener.security.protocol.map"));
        assertEquals("SSL", p.get("inter.broker.listener.name"));
        assertEquals("required", p.get("ssl.client.auth"));
        assertEquals(dir.resolve("t.p12").toString(), p.get("ssl.truststore.location"));
        assertEquals("SSL", listener.clientProperties().get("security.protocol"));
        assertEquals(dir.resolve("k.p12").toString(), listener.clientProperties().get("ssl.keystore.location"),
                "the broker's own admin client shows the broker's certificate");
        assertFalse(tls.toString().contains("secret"), tls.toString());
    }

    @Test
    void aStoreThatCannotBeReadAndTlsTogetherWithSaslAreRefused() throws Exception {
        Path store = Files.createFile(dir.resolve("s.p12"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new TlsMaterial(dir.resolve("missing.p12"), "pw", store, "pw"));
        assertTrue(missing.getMessage().contains("keystore " + dir.resolve("missing.p12")), missing.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> EmbeddedKafkaBroker.builder()
                .saslPlainUsers(Map.of("cam", "pw")).tls(new TlsMaterial(store, "pw", store, "pw")).build());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
