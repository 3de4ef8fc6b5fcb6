package io.vjepastream.ingest.sink;

import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces frame pairs to Kafka, keyed by stream id so that each stream stays in order on one
 * partition, as Avro single-object encoded {@link FramePair}s. The producer is idempotent with
 * {@code acks=all} and zstd compression. A send that fails, now or later in the background, is
 * counted per stream and logged with the stream id and sequence.
 */
public final class KafkaPairSink implements PairSink {
    /** Upper bound on one produced request; a 64 x 64 pair is about 37 KB, a 224 x 224 pair about 450 KB. */
    public static final int MAX_REQUEST_BYTES = 17 * 1024 * 1024;
    /** Bytes of records a partition's batch may gather: many raw 64 x 64 pairs (about 37 KB each). */
    public static final int BATCH_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPairSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, FramePair> producer;
    private final String topic;
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    /** A sink writing to {@link Topics#FRAME_PAIRS} on the given brokers with {@link #producerConfig(String)}. */
    public KafkaPairSink(String bootstrapServers) {
        this(producerConfig(bootstrapServers), Topics.FRAME_PAIRS);
    }

    /**
     * A sink with a full producer configuration; serializers are set here and must not be in it.
     *
     * @param producerConfig Kafka producer properties, e.g. {@link #producerConfig(String)} plus overrides
     * @param topic the topic to write pairs to
     */
    public KafkaPairSink(Map<String, Object> producerConfig, String topic) {
        this(new KafkaProducer<>(producerConfig, new StringSerializer(), Serdes.framePair().serializer()), topic);
    }

    /**
     * A sink over an existing producer, which it owns and closes.
     *
     * @param producer a producer of stream id to pair
     * @param topic the topic to write pairs to
     */
    public KafkaPairSink(Producer<String, FramePair> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** The producer properties this sink uses by default for the given brokers. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        // A few milliseconds let a stream's consecutive pairs share a batch and compress together.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // The default 16 KB batch holds less than one pair, so every pair would be its own request.
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        // Above the largest pair the ingest config admits (16 MiB by default), with room for the framing.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vjepa-ingest");
        return config;
    }

    @Override
    public void send(FramePair pair) {
        String streamId = pair.getStreamId();
        long sequence = pair.getSequence();
        try {
            producer.send(new ProducerRecord<>(topic, streamId, pair), (metadata, error) -> {
                if (error == null) {
                    acknowledged.increment();
                } else {
                    recordFailure(streamId, sequence, error);
                }
            });
            sent.increment();
        } catch (RuntimeException e) {
            recordFailure(streamId, sequence, e);
            throw e;
        }
    }

    private void recordFailure(String streamId, long sequence, Exception error) {
        long n = failures.computeIfAbsent(streamId, id -> new AtomicLong()).incrementAndGet();
        // Every failure is counted; the log is thinned so a broker outage does not flood it.
        if (n <= 10 || n % 1000 == 0) {
            LOG.error("stream {}: pair {} was not written to {} ({} failed so far): {}", streamId, sequence, topic, n,
                    error.toString());
        }
    }

    /** Pairs handed to the producer. */
    public long sent() {
        return sent.sum();
    }

    /** Pairs the brokers acknowledged. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Pairs that failed, over all streams. */
    public long failed() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Pairs that failed, per stream id. */
    public Map<String, Long> failedByStream() {
        Map<String, Long> out = new HashMap<>();
        failures.forEach((id, n) -> out.put(id, n.get()));
        return Map.copyOf(out);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
