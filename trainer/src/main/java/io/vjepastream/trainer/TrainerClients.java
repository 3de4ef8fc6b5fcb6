package io.vjepastream.trainer;

import io.vjepastream.runtime.client.ClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings of the trainer's Kafka clients: tuning defaults, then the operator's client properties
 * ({@link TrainerConfig#kafkaProperties()}), then what the trainer relies on ({@link #CONTROLLED}).
 */
final class TrainerClients {
    /** Client settings the trainer controls, with the reason; client properties may not change them. */
    static final Map<String, String> CONTROLLED = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "the brokers are given with --bootstrap",
            ConsumerConfig.GROUP_ID_CONFIG, "the consumer group is the trainer's groupId setting",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets are committed with each checkpoint, never automatically",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "keys are stream ids as strings",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "pairs are decoded, or skipped, by the trainer itself",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "checkpoint events are keyed by model id as a string",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "checkpoint events are Avro encoded by the trainer itself",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "checkpoint events must be written once each, in order",
            ProducerConfig.ACKS_CONFIG, "an idempotent producer needs acknowledgement by all in-sync replicas",
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "the trainer's producer is not transactional");
    /** The values the trainer gives controlled keys whose value is fixed; the others are refused whatever their value. */
    static final Map<String, Object> FIXED = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.ACKS_CONFIG, "all");

    private TrainerClients() {
    }

    static Properties consumer(TrainerConfig config) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 64);
        // Training steps run between polls; leave room for slow steps on small machines.
        defaults.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        Map<String, Object> controlled = new HashMap<>();
        controlled.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        controlled.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        controlled.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        controlled.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        controlled.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties(defaults, config, controlled);
    }

    static Properties producer(TrainerConfig config) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        Map<String, Object> controlled = new HashMap<>();
        controlled.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        controlled.put(ProducerConfig.ACKS_CONFIG, "all");
        controlled.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        controlled.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        controlled.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties(defaults, config, controlled);
    }

    /** Validates the operator's properties against {@link #CONTROLLED}; called when the config is built. */
    static void check(Map<String, ?> kafkaProperties) {
        ClientProperties.refuseControlled("trainer", kafkaProperties, CONTROLLED, FIXED);
    }

    private static Properties properties(Map<String, Object> defaults, TrainerConfig config,
            Map<String, Object> controlled) {
        Properties p = new Properties();
        // TrainerConfig refused conflicting properties when it was built, against both clients' settings.
        p.putAll(ClientProperties.layer(defaults, config.kafkaProperties(), controlled));
        return p;
    }
}
