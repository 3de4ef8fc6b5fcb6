package io.vjepastream.broker;

import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of the pipeline ({@link Topics#ALL}) with the configuration each one needs.
 * Running it again is harmless: topics that exist are left as they are.
 */
public final class TopicSetup {
    /** Largest frame pair a topic accepts; matches the embedded broker's {@code message.max.bytes}. */
    public static final int MAX_MESSAGE_BYTES = BrokerProperties.MAX_MESSAGE_BYTES;
    /** Dead letters carry a whole frame pair plus the reason headers, so they get some room on top. */
    public static final int DLQ_MAX_MESSAGE_BYTES = MAX_MESSAGE_BYTES + 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /**
     * Creates the missing pipeline topics through a short-lived Admin client.
     *
     * @return the topics created now; the others existed already
     */
    public static Set<String> createAll(String bootstrapServers, int partitions, short replicationFactor) {
        return createAll(bootstrapServers, Map.of(), partitions, replicationFactor);
    }

    /**
     * As {@link #createAll(String, int, short)}, through an Admin client that also takes {@code clientProperties}
     * (security, SASL, TLS) for a secured cluster.
     */
    public static Set<String> createAll(String bootstrapServers, Map<String, ?> clientProperties, int partitions,
                                        short replicationFactor) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            return createAll(admin, partitions, replicationFactor);
        }
    }

    /**
     * Creates the missing pipeline topics.
     *
     * @param partitions        partitions of each topic (1 for a local broker; more to scale the embedder)
     * @param replicationFactor replicas of each partition (1 on a single broker)
     * @return the topics created now; the others existed already
     * @throws IllegalStateException when a topic can be neither created nor found
     */
    public static Set<String> createAll(Admin admin, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("topics need at least one partition, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            topics.add(new NewTopic(name, partitions, replicationFactor).configs(configs(name)));
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        Set<String> created = new LinkedHashSet<>();
        for (String name : Topics.ALL) {
            if (await(results.get(name), name)) {
                created.add(name);
            }
        }
        return created;
    }

    /** The topic-level configuration {@link #createAll} gives a pipeline topic; empty for plain ones. */
    public static Map<String, String> configs(String topic) {
        return switch (topic) {
            // Raw frames compress well and consecutive pairs share frames.
            case Topics.FRAME_PAIRS -> Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
            case Topics.FRAME_PAIRS_DLQ -> Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DLQ_MAX_MESSAGE_BYTES));
            // Only the newest checkpoint of each model matters to a starting embedder.
            case Topics.CHECKPOINTS -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            default -> Map.of();
        };
    }

    private static boolean await(KafkaFuture<Void> future, String topic) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " got no answer within "
                    + TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }
}
