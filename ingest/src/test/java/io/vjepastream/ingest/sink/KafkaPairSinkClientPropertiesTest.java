package io.vjepastream.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.IngestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPairSinkClientPropertiesTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"cam\" password=\"cam-pw-123\";";

    @Test
    void clientPropertiesReachTheProducerAndMayChangeTuningDefaults() {
        Map<String, Object> config = PairProducerConfig.of("k:9093", Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS, "linger.ms", "20"));
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals(JAAS, config.get("sasl.jaas.config"));
        assertEquals("20", config.get("linger.ms"));
        assertEquals(true, config.get("enable.idempotence"));
        assertEquals("k:9093", config.get("bootstrap.servers"));
    }

    @Test
    void ingestConfigRefusesWhatTheProducerControlsAndHidesSecretsWhenPrinted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.builder()
                .kafkaProperty("enable.idempotence", "false").build());
        assertTrue(e.getMessage().startsWith("Kafka property enable.idempotence=false is refused by the ingest: "),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IngestConfig.builder()
                .kafkaProperty("bootstrap.servers", "elsewhere:9092").build());

        IngestConfig config = IngestConfig.builder().kafkaProperty("sasl.jaas.config", JAAS)
                .kafkaProperty("acks", "all").build();
        assertEquals(JAAS, config.kafkaProperties().get("sasl.jaas.config"));
        assertFalse(config.toString().contains("cam-pw-123"), config.toString());
        assertTrue(config.toString().contains("sasl.jaas.config=[hidden]"), config.toString());
        assertEquals(config, config.toBuilder().build(), "the properties survive toBuilder");
    }
}
