package io.vjepastream.embedder;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Kafka Streams settings the embedder starts from, before the extra properties a user gives (which
 * override them) and its own fixed settings (which override both); see
 * {@link EmbedderConfig#toStreamsProperties()}.
 */
final class StreamsDefaults {
    /** The consumer's (internal) setting for sending a LeaveGroup on close; Kafka Streams turns it off. */
    static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private StreamsDefaults() {
    }

    /**
     * The defaults for an embedder whose batches hold up to {@code batchMaxPairs} and linger
     * {@code batchLinger}; a stream thread polls up to two batches' worth of records unless
     * {@code consumer.max.poll.records} says otherwise.
     */
    static Properties forEmbedder(int batchMaxPairs, Duration batchLinger) {
        Properties props = new Properties();
        // Values are read as bytes, so only a key could ever fail to deserialize.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        // A stream thread scores what one poll brought before it polls again, so a poll must be able to
        // bring what arrives while a batch is scored: with 16 records a poll, 4 cameras at 30 pairs/s
        // outran one stream thread (about 8 polls a second). Two full batches keep close() and commits
        // prompt all the same.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2 * batchMaxPairs);
        // Punctuators cannot fire while the stream thread blocks in poll: an idle poll no longer than the
        // linger keeps a buffered batch from waiting for the poll instead of for its time budget.
        props.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, batchLinger.toMillis()));
        // Dead-lettered records and pending pairs are whole frame pairs, far above the 1 MiB default.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), EmbedderConfig.MAX_RECORD_BYTES);
        // Kafka Streams 4.1 builds its main consumers not to leave the group on close, so a stopped dynamic
        // member keeps its partitions (its cameras unanswered) until the session times out; close(leaveGroup)
        // only removes static members. This consumer setting makes the close send the LeaveGroup.
        props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
        return props;
    }
}
