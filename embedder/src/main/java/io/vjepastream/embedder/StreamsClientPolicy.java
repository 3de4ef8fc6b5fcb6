package io.vjepastream.embedder;

import io.vjepastream.runtime.client.Redaction;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which client properties the embedder passes to its Kafka clients, and which it refuses: Kafka
 * Streams gives unprefixed properties to every client it creates, and the checkpoint consumer gets
 * the unprefixed consumer settings too, so security settings and config providers reach them all.
 * Settings that exactly-once processing and the topology depend on cannot be changed.
 */
final class StreamsClientPolicy {
    /** Prefixes Kafka Streams uses to address one kind of its clients. */
    private static final String[] CLIENT_PREFIXES = {StreamsConfig.MAIN_CONSUMER_PREFIX,
        StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
        StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX};
    /** Settings of other kinds of client the checkpoint consumer shares with Streams besides its own keys. */
    private static final String[] SHARED_PREFIXES = {"security.", "ssl.", "sasl.", "client.dns.lookup",
        "config.providers"};
    private static final String CONSUMER_PREFIX = StreamsConfig.CONSUMER_PREFIX;
    /** Client settings refused whatever their value, with the reason. */
    private static final Map<String, String> REFUSED = Map.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "Kafka Streams names its transactions after the application id",
            ConsumerConfig.GROUP_ID_CONFIG, "the consumer group is the application id (application.id)",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "Kafka Streams commits offsets with its own processing",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "Kafka Streams clients read and write bytes; the topology decodes",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "Kafka Streams clients read and write bytes; the topology decodes",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "Kafka Streams clients read and write bytes; the topology decodes",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "Kafka Streams clients read and write bytes; the topology decodes");

    private StreamsClientPolicy() {
    }

    /**
     * Refuses a property that would break the embedder's guarantees: under {@code exactly_once_v2} a
     * producer that is not idempotent or a consumer that reads uncommitted records; in any mode a
     * transactional id, a consumer group, auto-commit or serializers of its own. Prefixed forms
     * ({@code producer.enable.idempotence}) count as the plain key.
     *
     * @throws IllegalArgumentException naming the key and the reason; a secret value is not shown
     */
    static void check(Map<String, String> properties, String processingGuarantee) {
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee);
        properties.forEach((key, value) -> {
            String base = unprefixed(key);
            String reason = REFUSED.get(base);
            if (reason == null && exactlyOnce && base.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
                    && !"true".equalsIgnoreCase(value.trim())) {
                reason = "exactly_once_v2 needs idempotent producers";
            }
            if (reason == null && exactlyOnce && base.equals(ConsumerConfig.ISOLATION_LEVEL_CONFIG)
                    && !"read_committed".equalsIgnoreCase(value.trim())) {
                reason = "exactly_once_v2 reads committed records only";
            }
            if (reason != null) {
                throw new IllegalArgumentException("Kafka property " + Redaction.entry(key, value)
                        + " is refused by the embedder: " + reason + "; remove it");
            }
        });
    }

    /**
     * The settings of the plain consumer that follows checkpoint events: every unprefixed consumer
     * setting (security, SASL, TLS, config providers, timeouts), then the {@code consumer.}-prefixed
     * ones without their prefix. The caller adds what it controls afterwards.
     */
    static Properties checkpointConsumer(Map<String, String> properties) {
        Properties props = new Properties();
        properties.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key) || startsWithAny(key, SHARED_PREFIXES)) {
                props.put(key, value);
            }
        });
        properties.forEach((key, value) -> {
            if (key.startsWith(CONSUMER_PREFIX)) {
                props.put(key.substring(CONSUMER_PREFIX.length()), value);
            }
        });
        props.remove(CommonClientConfigs.GROUP_ID_CONFIG);
        return props;
    }

    private static String unprefixed(String key) {
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static boolean startsWithAny(String key, String[] prefixes) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
