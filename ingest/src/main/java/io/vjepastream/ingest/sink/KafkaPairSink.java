package io.vjepastream.ingest.sink;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import io.vjepastream.runtime.client.ClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces frame pairs to Kafka, keyed by stream id so that each stream stays in order on one
 * partition, as Avro single-object encoded {@link FramePair}s. The producer is idempotent with
 * {@code acks=all} and zstd compression. The brokers may be away for any time without losing a pair:
 * a pair the producer cannot queue in time (no broker answers, the buffer stays full) waits in
 * {@link #send} and is sent again, and a queued pair is retried until it is delivered. Pairs that
 * fail once accepted (the brokers refuse them) are counted per stream and logged with the stream id and
 * sequence; a send that throws is the caller's to count.
 */
public final class KafkaPairSink implements PairSink {
    /** Upper bound on one produced request; a 64 x 64 pair is about 37 KB, a 224 x 224 pair about 450 KB. */
    static final int MAX_REQUEST_BYTES = 17 * 1024 * 1024;
    /** Bytes of records a partition's batch may gather: many raw 64 x 64 pairs (about 37 KB each). */
    static final int BATCH_BYTES = 1024 * 1024;
    /**
     * How long a pair may wait for others to share its batch. At 5 ms a 64 x 64 file sent about one
     * request per 3 pairs, and the producer's network thread and the broker's threads took 0.6-1.0 ms of
     * CPU per frame; at 25 ms they took 0.2-0.35 ms (10 ms: in between; 50 ms: no better). A live
     * camera's pair waits at most this long, under one frame interval at 30 fps.
     */
    static final int LINGER_MS = 25;
    /**
     * zstd level of the produced batches. On 1 MB batches of 64 x 64 pairs, level 1 took 0.08-0.10 ms
     * of CPU per pair against 0.12-0.14 ms at Kafka's default level 3, for 8.3x compression instead of
     * 9.1x (each frame is in three consecutive pairs, which zstd finds either way).
     */
    static final int ZSTD_LEVEL = 1;
    /**
     * How long one try to queue a pair may block (waiting for metadata or buffer space) before the
     * outage is said and the pair is tried again; Kafka's default is 60 s of silence.
     */
    static final int MAX_BLOCK_MS = 10_000;

    /**
     * Producer settings ingest controls, with the reason: client properties may not change them
     * ({@link ClientProperties}).
     */
    public static final Map<String, String> CONTROLLED = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "the brokers are given with --bootstrap",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "pairs are keyed by their stream id as a string",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "pairs are Avro single-object encoded FramePair records",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "a file's pairs must reach Kafka once each, in order",
            ProducerConfig.ACKS_CONFIG, "an idempotent producer needs acknowledgement by all in-sync replicas",
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "the ingest producer is not transactional");

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPairSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, FramePair> producer;
    private final String topic;
    private final String bootstrap;
    private final BrokerOutage outage;
    private volatile boolean closed;
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, Exception> lastFailure = new ConcurrentHashMap<>();

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
        this(new KafkaProducer<>(producerConfig, new StringSerializer(), Serdes.framePair().serializer()), topic,
                String.valueOf(producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)));
    }

    /**
     * A sink over an existing producer, which it owns and closes.
     *
     * @param producer a producer of stream id to pair
     * @param topic the topic to write pairs to
     */
    public KafkaPairSink(Producer<String, FramePair> producer, String topic) {
        this(producer, topic, "the configured brokers");
    }

    private KafkaPairSink(Producer<String, FramePair> producer, String topic, String bootstrap) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.bootstrap = bootstrap;
        this.outage = new BrokerOutage(bootstrap);
    }

    /**
     * A sink writing to {@link Topics#FRAME_PAIRS} with {@link #producerConfig(String, Map)}: any
     * client properties (security, timeouts) on top of the defaults.
     *
     * @throws IllegalArgumentException when a property would change a setting in {@link #CONTROLLED}
     */
    public KafkaPairSink(String bootstrapServers, Map<String, ?> clientProperties) {
        this(producerConfig(bootstrapServers, clientProperties), Topics.FRAME_PAIRS);
    }

    /** The producer properties this sink uses by default for the given brokers. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        return producerConfig(bootstrapServers, Map.of());
    }

    /**
     * The producer properties for the given brokers: the tuning defaults, then {@code clientProperties}
     * (which may change them), then the settings of {@link #CONTROLLED}.
     *
     * @throws IllegalArgumentException naming a property that would change a controlled setting
     */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, ?> clientProperties) {
        Map<String, Object> controlled = new HashMap<>();
        controlled.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        controlled.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        controlled.put(ProducerConfig.ACKS_CONFIG, "all");
        return ClientProperties.merge("ingest", tuningDefaults(), clientProperties, controlled, CONTROLLED);
    }

    /**
     * As {@link #producerConfig(String, Map)}, for a topic that takes records of up to
     * {@code maxMessageBytes}: the default {@code max.request.size} is raised where such a pair would not
     * fit in a request, so the topic's limit and not the producer's is the one that counts.
     */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, ?> clientProperties,
                                                     int maxMessageBytes) {
        Map<String, Object> config = new HashMap<>(producerConfig(bootstrapServers, clientProperties));
        // An operator's own max.request.size stands.
        if (!clientProperties.containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, requestBytesFor(maxMessageBytes));
        }
        return config;
    }

    /** The request size a pair of up to {@code maxMessageBytes} needs, never below {@link #MAX_REQUEST_BYTES}. */
    static int requestBytesFor(int maxMessageBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MAX_REQUEST_BYTES, maxMessageBytes + 1024L * 1024L));
    }

    private static Map<String, Object> tuningDefaults() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, ZSTD_LEVEL);
        // Pairs wait up to LINGER_MS to share a batch: each request and each compressed batch costs the
        // producer and the broker CPU of its own, so fewer, fuller batches cost far less per pair.
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // The default 16 KB batch holds less than one pair, so every pair would be its own request.
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        // Above the largest pair the ingest config admits (16 MiB by default), with room for the framing.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vjepa-ingest");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        // A queued pair is retried until a broker takes it, however long the outage: expiring it would lose it.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        return config;
    }

    @Override
    public void send(FramePair pair) {
        String streamId = pair.getStreamId();
        long sequence = pair.getSequence();
        ProducerRecord<String, FramePair> record = new ProducerRecord<>(topic, streamId, pair);
        while (true) {
            Delivery delivery = new Delivery(streamId, sequence);
            producer.send(record, delivery);
            if (delivery.refusal == null) {
                sent.increment();
                return;
            }
            // Not queued, so nothing of this stream after it is either: sending it again keeps the order.
            outage.waiting(streamId, sequence, delivery.refusal, connected());
            if (closed || Thread.currentThread().isInterrupted()) {
                throw new InterruptException("pair " + sequence + " of stream " + streamId + " was still waiting for"
                        + " Kafka when ingest stopped");
            }
        }
    }

    /**
     * True while the producer holds a connection to some broker. The open-connection count alone also
     * counts a connect still in progress to a port nothing listens on, so a connection must also have
     * been established at least once.
     */
    private boolean connected() {
        return producerMetric("connection-count") > 0 && producerMetric("connection-creation-total") > 0;
    }

    private double producerMetric(String name) {
        for (Map.Entry<MetricName, ? extends Metric> m : producer.metrics().entrySet()) {
            if (m.getKey().name().equals(name) && m.getKey().group().equals("producer-metrics")) {
                return m.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0;
            }
        }
        return 0;
    }

    /**
     * The outcome of one send. The producer calls back on the sending thread, before {@code send}
     * returns, when it could not queue the pair; later, on its own thread, once the pair is delivered or lost.
     */
    private final class Delivery implements Callback {
        private final Thread sender = Thread.currentThread();
        private final String streamId;
        private final long sequence;
        private Exception refusal;

        Delivery(String streamId, long sequence) {
            this.streamId = streamId;
            this.sequence = sequence;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error == null) {
                acknowledged.increment();
                outage.ended();
            } else if (Thread.currentThread() == sender && error instanceof TimeoutException) {
                refusal = error;
            } else {
                recordFailure(streamId, sequence, error);
            }
        }
    }

    private void recordFailure(String streamId, long sequence, Exception error) {
        long n = failures.computeIfAbsent(streamId, id -> new AtomicLong()).incrementAndGet();
        lastFailure.put(streamId, error);
        // Every failure is counted; the log is thinned so a broker outage does not flood it.
        if (n <= 10 || n % 1000 == 0) {
            LOG.error("stream {}: pair {} was not written to {} ({} failed so far): {}", streamId, sequence, topic, n,
                    error.toString());
        }
    }

    /**
     * While pairs wait for the brokers (none answers, or they do not take the pairs): what is wrong and
     * for how long; empty while they take them.
     */
    @Override
    public Optional<String> outage() {
        return outage.describe();
    }

    /** Pairs handed to the producer. */
    public long sent() {
        return sent.sum();
    }

    /** Pairs the brokers acknowledged. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Pairs that failed after they were accepted, over all streams. */
    public long failed() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public Optional<String> lost(String streamId) {
        AtomicLong n = failures.get(streamId);
        Exception last = lastFailure.get(streamId);
        if (n == null || last == null) {
            return Optional.empty();
        }
        return Optional.of(n.get() + " pair(s) were not written to " + topic + " on Kafka at " + bootstrap + ": " + last);
    }

    /** Pairs that failed after they were accepted, per stream id. */
    public Map<String, Long> failedByStream() {
        Map<String, Long> out = new HashMap<>();
        failures.forEach((id, n) -> out.put(id, n.get()));
        return Map.copyOf(out);
    }

    /**
     * A Micrometer binder of this sink's producer metrics (send rates, errors, batch sizes, request
     * latency); the caller binds it to a registry and closes it.
     */
    public KafkaClientMetrics clientMetrics() {
        return new KafkaClientMetrics(producer);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        closed = true;
        producer.close(CLOSE_TIMEOUT);
    }
}
