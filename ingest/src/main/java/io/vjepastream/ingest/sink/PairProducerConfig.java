package io.vjepastream.ingest.sink;

import io.vjepastream.runtime.client.ClientProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer configuration of {@link KafkaPairSink}: tuning defaults measured for frame pairs (zstd level,
 * linger, batch and request sizes), the operator's client properties over them, and the settings ingest
 * controls, which client properties may not change.
 */
public final class PairProducerConfig {
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

    /** The producer properties of the pair sink for the given brokers. */
    public static Map<String, Object> of(String bootstrapServers) {
        return of(bootstrapServers, Map.of());
    }

    /**
     * The producer properties for the given brokers: the tuning defaults, then {@code clientProperties}
     * (which may change them), then the settings of {@link #CONTROLLED}.
     *
     * @throws IllegalArgumentException naming a property that would change a controlled setting
     */
    public static Map<String, Object> of(String bootstrapServers, Map<String, ?> clientProperties) {
        Map<String, Object> controlled = new HashMap<>();
        controlled.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        controlled.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        controlled.put(ProducerConfig.ACKS_CONFIG, "all");
        return ClientProperties.merge("ingest", tuningDefaults(), clientProperties, controlled, CONTROLLED);
    }

    /**
     * As {@link #of(String, Map)}, for a topic that takes records of up to
     * {@code maxMessageBytes}: the default {@code max.request.size} is raised where such a pair would not
     * fit in a request, so the topic's limit and not the producer's is the one that counts.
     */
    public static Map<String, Object> of(String bootstrapServers, Map<String, ?> clientProperties,
                                                     int maxMessageBytes) {
        Map<String, Object> config = new HashMap<>(of(bootstrapServers, clientProperties));
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
    private PairProducerConfig() {
    }
}
