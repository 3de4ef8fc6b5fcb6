package io.vjepastream.trainer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each partition, the first time it is assigned, at the offset the restored checkpoint recorded.
 * The weights and the data they have seen then stay in step even when the group's committed offsets say
 * otherwise: after a crash between a checkpoint and its commit, or when a damaged newest checkpoint was
 * skipped in favour of an older one.
 */
final class ResumeAtCheckpoint implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(ResumeAtCheckpoint.class);

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> pending;

    ResumeAtCheckpoint(Consumer<?, ?> consumer, Map<TopicPartition, Long> offsets) {
        this.consumer = consumer;
        this.pending = new HashMap<>(offsets);
    }

    /** Parses the {@code topic-partition} keys of checkpoint offsets; topic names may contain dashes. */
    static TopicPartition partitionOf(String key) {
        int dash = key.lastIndexOf('-');
        if (dash <= 0 || dash == key.length() - 1) {
            throw new IllegalArgumentException("not a topic-partition: " + key);
        }
        return new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1)));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            // Only once: a later rebalance continues from where this run got to.
            Long offset = pending.remove(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
                log.info("resuming {} at offset {} recorded in the checkpoint", partition, offset);
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // Offsets are committed with checkpoints only.
    }
}
