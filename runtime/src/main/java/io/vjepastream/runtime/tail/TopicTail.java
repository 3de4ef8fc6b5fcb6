package io.vjepastream.runtime.tail;

import io.vjepastream.runtime.client.ClientProperties;
import io.vjepastream.runtime.client.Redaction;
import io.vjepastream.runtime.client.TlsFailure;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of one topic from its beginning or its end without joining a consumer group,
 * so it commits nothing and disturbs no service. Stops after a number of records or after a quiet spell.
 */
public final class TopicTail implements AutoCloseable {
    /** Fetch whole frame pairs in one go. */
    private static final int FETCH_BYTES = 32 * 1024 * 1024;
    private static final Duration POLL = Duration.ofMillis(200);
    /** Consumer settings tail controls: it reads without a group and commits nothing. */
    private static final Map<String, String> CONTROLLED = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "the brokers are given with --bootstrap",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "tail reads without a consumer group and commits nothing",
            ConsumerConfig.GROUP_ID_CONFIG, "tail reads without a consumer group and commits nothing",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "tail decodes the records itself",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "tail decodes the records itself");

    private final String bootstrap;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;

    /**
     * Creates the consumer; nothing is contacted yet.
     *
     * @throws IllegalArgumentException when the bootstrap address cannot be used at all
     */
    public TopicTail(String bootstrap, String topic) {
        this(bootstrap, topic, Map.of());
    }

    /**
     * Creates the consumer with client properties (security, timeouts) over the defaults; nothing is
     * contacted yet.
     *
     * @throws IllegalArgumentException when the bootstrap address or a property cannot be used; a
     *                                  secret value is never part of the message
     */
    public TopicTail(String bootstrap, String topic, Map<String, String> clientProperties) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        Map<String, Object> defaults = Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "vjepa-tail",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        Map<String, Object> controlled = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Object> config = ClientProperties.merge("tail", defaults, clientProperties, controlled, CONTROLLED);
        try {
            this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new IllegalArgumentException(Redaction.scrub("cannot use bootstrap server '" + bootstrap + "': "
                    + rootMessage(e), clientProperties), e);
        }
    }

    /**
     * Assigns every partition of the topic, then hands each record to {@code sink} until {@code max}
     * records were read, {@code idle} passes without a new record, or the sink returns false.
     *
     * @param fromEarliest start at the oldest record (true) or only show new ones (false)
     * @param max          stop after this many records; {@code Long.MAX_VALUE} for no limit
     * @param idle         stop after this long without a record; also the limit for finding the topic
     * @return the number of records handed to the sink
     * @throws IllegalStateException when the broker does not answer or the topic does not exist within {@code idle}
     */
    public long run(boolean fromEarliest, long max, Duration idle, Predicate<ConsumerRecord<byte[], byte[]>> sink) {
        List<TopicPartition> partitions = partitions(idle);
        consumer.assign(partitions);
        if (fromEarliest) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            // Resolve the end offsets now, so records that arrive while polling are not skipped.
            partitions.forEach(consumer::position);
        }
        long count = 0;
        long quietSince = System.nanoTime();
        while (count < max && System.nanoTime() - quietSince < idle.toNanos()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                quietSince = System.nanoTime();
                count++;
                if (!sink.test(record) || count >= max) {
                    return count;
                }
            }
        }
        return count;
    }

    private List<TopicPartition> partitions(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean answered = false;
        while (true) {
            Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
            Map<String, List<PartitionInfo>> topics;
            try {
                // Listing all topics tells an absent broker (no answer) from an absent topic (not listed).
                topics = consumer.listTopics(remaining);
                answered = true;
            } catch (TimeoutException e) {
                if (answered) {
                    throw noSuchTopic(timeout);
                }
                throw new IllegalStateException("no answer from Kafka at " + bootstrap + " within "
                        + describe(timeout) + " (is the broker running?)", e);
            } catch (KafkaException e) {
                throw new IllegalStateException(TlsFailure.describe(bootstrap, e).orElseGet(() ->
                        "cannot read topic " + topic + " from " + bootstrap + ": " + rootMessage(e)), e);
            }
            List<PartitionInfo> infos = topics.get(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition))
                        .collect(Collectors.toList());
            }
            if (System.nanoTime() >= deadline) {
                throw noSuchTopic(timeout);
            }
            sleep(Math.min(POLL.toMillis(), remaining.toMillis()));
        }
    }

    private IllegalStateException noSuchTopic(Duration waited) {
        return new IllegalStateException("topic " + topic + " does not exist on " + bootstrap
                + " (waited " + describe(waited) + ")");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topic", e);
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
