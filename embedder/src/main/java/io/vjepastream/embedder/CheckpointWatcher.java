package io.vjepastream.embedder;

import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@link Topics#CHECKPOINTS} and hands checkpoint events to a {@link ModelRegistry}. Run it
 * on its own thread: the registry loads a model on the caller's thread, so loading happens here, in
 * the background, while the stream threads keep scoring with the current model.
 *
 * <p>A plain consumer without a group, assigned to every partition of the topic and starting from the
 * beginning: each embedder instance needs every announcement, and the compacted topic holds the
 * newest checkpoint of every model, so a restarted instance finds the current one at once. Of the
 * events in one poll only the newest of each model is offered, so catching up on a long history does
 * not load every obsolete checkpoint on the way.
 */
public final class CheckpointWatcher implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWatcher.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Properties consumerProperties;
    private final ModelRegistry registry;
    private final AvroSerde<CheckpointEvent> serde = Serdes.checkpointEvent();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * A watcher reading with {@link EmbedderConfig#checkpointConsumerProperties()} of {@code config}.
     */
    public CheckpointWatcher(EmbedderConfig config, ModelRegistry registry) {
        this.consumerProperties = config.checkpointConsumerProperties();
        this.registry = registry;
        consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A trainer that announces inside a transaction is only believed once it commits.
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /** Polls until {@link #close()}; never throws, problems are logged and retried. */
    @Override
    public void run() {
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties);
        consumer = kafka;
        try {
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            LOG.info("following {} on {} partition(s)", Topics.CHECKPOINTS, partitions.size());
            while (running) {
                offerNewest(kafka.poll(POLL_TIMEOUT));
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("checkpoint watcher woken up while running; it stops", e);
            }
        } catch (RuntimeException e) {
            LOG.error("checkpoint watcher on {} stopped: {}", Topics.CHECKPOINTS, e.toString(), e);
        } finally {
            consumer = null;
            kafka.close();
        }
    }

    /** Asks the poll loop to end; the thread running {@link #run()} closes the consumer and returns. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            try {
                kafka.wakeup();
            } catch (RuntimeException e) {
                LOG.debug("checkpoint consumer already closed: {}", e.toString());
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (true) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(Topics.CHECKPOINTS, METADATA_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
                }
                LOG.info("topic {} does not exist yet; waiting for it", Topics.CHECKPOINTS);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.info("no metadata for {} yet ({}); retrying", Topics.CHECKPOINTS, e.getMessage());
            }
            if (!running) {
                throw new WakeupException();
            }
        }
    }

    private void offerNewest(ConsumerRecords<String, byte[]> records) {
        Map<String, CheckpointEvent> newest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue; // a tombstone retires a model id; the serving model stays until a newer one comes
            }
            try {
                CheckpointEvent event = serde.decode(record.value());
                newest.merge(event.getModelId(), event, (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
            } catch (SerializationException e) {
                LOG.warn("skipping unreadable checkpoint event at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        for (CheckpointEvent event : newest.values()) {
            if (!running) {
                return;
            }
            registry.offer(event);
        }
    }
}
