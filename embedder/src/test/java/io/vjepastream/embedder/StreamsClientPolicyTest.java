package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsClientPolicyTest {
    @Test
    void securityProvidersAndTimeoutsReachStreamsAndTheCheckpointConsumer() {
        EmbedderConfig config = EmbedderConfig.builder("k:9093")
                .streamsProperty("security.protocol", "SASL_SSL")
                .streamsProperty("sasl.jaas.config", "${file:/run/secrets/kafka.properties:jaas}")
                .streamsProperty("config.providers", "file")
                .streamsProperty("config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .streamsProperty("request.timeout.ms", "20000")
                .streamsProperty("producer.linger.ms", "20")
                .build();
        Properties streams = config.toStreamsProperties();
        Properties consumer = config.checkpointConsumerProperties();
        for (String key : new String[] {"security.protocol", "sasl.jaas.config", "config.providers",
            "config.providers.file.class", "request.timeout.ms"}) {
            assertEquals(config.streamsProperties().get(key), streams.get(key), key);
            assertEquals(config.streamsProperties().get(key), consumer.get(key), key);
        }
        assertFalse(consumer.containsKey("producer.linger.ms"), "a producer setting is not a consumer's");
        assertFalse(consumer.containsKey("linger.ms"));
    }

    @Test
    void exactlyOnceRefusesANonIdempotentProducerAndUncommittedReads() {
        for (String key : new String[] {"enable.idempotence", "producer.enable.idempotence"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EmbedderConfig.builder("b:1").streamsProperty(key, "false").build());
            assertEquals("Kafka property " + key + "=false is refused by the embedder: exactly_once_v2 needs"
                    + " idempotent producers; remove it", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbedderConfig.builder("b:1")
                .streamsProperty("consumer.isolation.level", "read_uncommitted").build());
        assertTrue(e.getMessage().contains("reads committed records only"), e.getMessage());

        EmbedderConfig atLeastOnce = EmbedderConfig.builder("b:1").processingGuarantee(StreamsConfig.AT_LEAST_ONCE)
                .streamsProperty("producer.enable.idempotence", "false").build();
        assertEquals("false", atLeastOnce.toStreamsProperties().get("producer.enable.idempotence"),
                "without exactly-once the choice is the operator's");
    }

    @Test
    void transactionsGroupsAndSerializersAreTheEmbeddersInEveryMode() {
        for (String key : new String[] {"transactional.id", "producer.transactional.id", "group.id",
            "enable.auto.commit", "value.serializer", "consumer.key.deserializer"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbedderConfig
                    .builder("b:1").processingGuarantee(StreamsConfig.AT_LEAST_ONCE).streamsProperty(key, "x").build());
            assertTrue(e.getMessage().startsWith("Kafka property " + key + "=x is refused by the embedder: "),
                    e.getMessage());
        }
    }

    @Test
    void theRefusalNeverQuotesASecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamsClientPolicy.check(
                Map.of("producer.transactional.id", "tx", "x.password", "hunter22"), StreamsConfig.EXACTLY_ONCE_V2));
        assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
    }
}
