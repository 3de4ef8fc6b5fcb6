package io.vjepastream.ingest.sink;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
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

    /** A sink writing to {@link Topics#FRAME_PAIRS} on the given brokers with {@link PairProducerConfig#of(String)}. */
    public KafkaPairSink(String bootstrapServers) {
        this(PairProducerConfig.of(bootstrapServers), Topics.FRAME_PAIRS);
    }

    /**
     * A sink with a full producer configuration; serializers are set here and must not be in it.
     *
     * @param producerConfig Kafka producer properties, e.g. {@link PairProducerConfig#of(String)} plus overrides
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
     * A sink writing to {@link Topics#FRAME_PAIRS} with {@link PairProducerConfig#of(String, Map)}: any
     * client properties (security, timeouts) on top of the defaults.
     *
     * @throws IllegalArgumentException when a property would change a setting in {@link PairProducerConfig#CONTROLLED}
     */
    public KafkaPairSink(String bootstrapServers, Map<String, ?> clientProperties) {
        this(PairProducerConfig.of(bootstrapServers, clientProperties), Topics.FRAME_PAIRS);
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
