package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TrainerClientsTest {
    private static final Map<String, String> SECURITY = Map.of("security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512", "config.providers", "env",
            "sasl.jaas.config", "${env:KAFKA_JAAS}");

    @Test
    void clientPropertiesReachTheConsumerAndTheProducer() {
        TrainerConfig config = TrainerConfig.builder().bootstrapServers("k:9093").groupId("g")
                .kafkaProperties(SECURITY).kafkaProperty("max.poll.records", "8").build();
        Properties consumer = TrainerClients.consumer(config);
        Properties producer = TrainerClients.producer(config);
        SECURITY.forEach((key, value) -> {
            assertEquals(value, consumer.get(key), key);
            assertEquals(value, producer.get(key), key);
        });
        assertEquals("8", consumer.get("max.poll.records"), "a tuning default gives way");
        assertEquals("g", consumer.get("group.id"));
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals("k:9093", producer.get("bootstrap.servers"));
        assertEquals("true", producer.get("enable.idempotence"));
    }

    @Test
    void settingsTheTrainerReliesOnAreRefusedWhenTheConfigIsBuilt() {
        for (Map.Entry<String, String> bad : Map.of("enable.auto.commit", "true", "group.id", "other",
                "enable.idempotence", "false", "value.deserializer", "x.Y", "bootstrap.servers", "a:1").entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder()
                    .kafkaProperty(bad.getKey(), bad.getValue()).build(), bad.getKey());
            assertTrue(e.getMessage().startsWith("Kafka property " + bad.getKey() + "=" + bad.getValue()
                    + " is refused by the trainer: "), e.getMessage());
        }
        TrainerConfig same = TrainerConfig.builder().kafkaProperty("acks", "all")
                .kafkaProperty("enable.auto.commit", "false").build();
        assertEquals("all", TrainerClients.producer(same).get("acks"), "the value the trainer uses anyway is fine");
        assertEquals("false", TrainerClients.consumer(same).get("enable.auto.commit"));
    }
}
