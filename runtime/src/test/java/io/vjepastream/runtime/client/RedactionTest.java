package io.vjepastream.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"alice\" password=\"alice-secret\";";

    @Test
    void passwordsSecretsAndJaasLinesAreSecret() {
        for (String key : new String[] {"sasl.jaas.config", "ssl.keystore.password", "ssl.key.password",
            "ssl.truststore.password", "sasl.oauthbearer.client.credentials.client.secret", "ssl.keystore.key",
            "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "basic.auth.user.info", "SASL.JAAS.CONFIG"}) {
            assertTrue(Redaction.isSecret(key), key);
        }
        for (String key : new String[] {"security.protocol", "sasl.mechanism", "ssl.keystore.location",
            "bootstrap.servers", "config.providers", "ssl.keystore.type"}) {
            assertFalse(Redaction.isSecret(key), key);
        }
    }

    @Test
    void aSecretValuePrintsAsHiddenAndOthersAsGiven() {
        assertEquals("[hidden]", Redaction.value("sasl.jaas.config", JAAS));
        assertEquals("SASL_SSL", Redaction.value("security.protocol", "SASL_SSL"));
        assertEquals("[hidden]", Redaction.value("my.custom.login", "user=a password=b"), "inline credentials");
        assertEquals("sasl.jaas.config=[hidden]", Redaction.entry("sasl.jaas.config", JAAS));
    }

    @Test
    void aMapPrintsSortedWithEverySecretHidden() {
        String line = Redaction.toString(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.jaas.config", JAAS,
                "ssl.truststore.password", "changeit"));
        assertEquals("{sasl.jaas.config=[hidden], security.protocol=SASL_PLAINTEXT, ssl.truststore.password=[hidden]}",
                line);
        assertFalse(line.contains("alice-secret"));
    }

    @Test
    void scrubCutsSecretValuesOutOfFreeText() {
        Map<String, String> props = Map.of("ssl.truststore.password", "changeit", "security.protocol", "SSL");
        assertEquals("bad truststore password [hidden] for SSL",
                Redaction.scrub("bad truststore password changeit for SSL", props));
        assertEquals("nothing to hide", Redaction.scrub("nothing to hide", props));
    }
}
