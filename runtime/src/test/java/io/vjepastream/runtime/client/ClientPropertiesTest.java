package io.vjepastream.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
    private static final Map<String, String> REASONS = Map.of(
            "enable.idempotence", "pairs must arrive once",
            "transactional.id", "not transactional");
    private static final Map<String, Object> CONTROLLED = Map.of("enable.idempotence", true);

    @Test
    void operatorPropertiesOverrideDefaultsAndControlledSettingsOverrideBoth() {
        Map<String, Object> merged = ClientProperties.merge("ingest", Map.of("linger.ms", 5, "acks", "1"),
                Map.of("linger.ms", "50", "security.protocol", "SSL", "enable.idempotence", "true"),
                CONTROLLED, REASONS);
        assertEquals("50", merged.get("linger.ms"), "a tuning default may change");
        assertEquals("SSL", merged.get("security.protocol"));
        assertEquals(true, merged.get("enable.idempotence"), "the same value is accepted, the service's object kept");
    }

    @Test
    void aControlledSettingWithAnotherValueIsRefusedNamingServiceKeyAndReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientProperties.merge(
                "ingest", Map.of(), Map.of("enable.idempotence", "false"), CONTROLLED, REASONS));
        assertEquals("Kafka property enable.idempotence=false is refused by the ingest: pairs must arrive once;"
                + " the ingest sets enable.idempotence=true itself, remove it or give that value", e.getMessage());
    }

    @Test
    void aKeyWithoutAValueOfTheServiceIsRefusedWhateverItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientProperties
                .refuseControlled("trainer", Map.of("transactional.id", "t-1"), REASONS, CONTROLLED));
        assertTrue(e.getMessage().endsWith("not transactional; remove it"), e.getMessage());
    }

    @Test
    void aRefusedSecretIsNotQuoted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientProperties
                .refuseControlled("embedder", Map.of("sasl.jaas.config", "password=\"p4ss\""),
                        Map.of("sasl.jaas.config", "set elsewhere"), Map.of()));
        assertFalse(e.getMessage().contains("p4ss"), e.getMessage());
        assertTrue(e.getMessage().contains("sasl.jaas.config=[hidden]"), e.getMessage());
    }
}
