package io.vjepastream.embedder;

import io.vjepastream.model.FrameEncodings;
import io.vjepastream.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The embedder's Kafka Streams topology:
 * {@code vjepa.frame-pairs -> score-pairs -> vjepa.latents, vjepa.anomaly-energy, vjepa.frame-pairs.dlq},
 * with four changelogged stores attached to the scoring processor: {@value PairScoringProcessor#STATS_STORE}
 * (persistent: each stream's energy statistics), {@value PairScoringProcessor#PENDING_STORE} (pairs accepted
 * and not yet answered), and {@value PairScoringProcessor#LATEST_ENERGY_STORE} and
 * {@value PairScoringProcessor#LATEST_LATENT_STORE} (each stream's latest answers, for interactive queries).
 * One {@link BatchScorer} is shared by the processors of all tasks, so a stream thread batches across them. Values travel as bytes in and out; the processor does the Avro work, so that a
 * corrupt record is dead-lettered instead of failing the deserializer.
 */
public final class EmbedderTopology {
    /** The source node reading frame pairs. */
    public static final String SOURCE = "frame-pairs-source";
    /** The scoring processor node. */
    public static final String PROCESSOR = "score-pairs";
    /** The sink node writing {@link Topics#LATENTS}. */
    public static final String LATENTS_SINK = "latents-sink";
    /** The sink node writing {@link Topics#ANOMALY_ENERGY}. */
    public static final String ANOMALY_SINK = "anomaly-energy-sink";
    /** The sink node writing {@link Topics#FRAME_PAIRS_DLQ}. */
    public static final String DLQ_SINK = "frame-pairs-dlq-sink";

    private EmbedderTopology() {
    }

    /** The topology, with counters nobody reads; see {@link #build(EmbedderConfig, ModelRegistry, EmbedderMetrics)}. */
    public static Topology build(EmbedderConfig config, ModelRegistry registry) {
        return build(config, registry, new EmbedderMetrics());
    }

    /** The topology scoring with {@code registry}'s model and counting into {@code metrics}. */
    public static Topology build(EmbedderConfig config, ModelRegistry registry, EmbedderMetrics metrics) {
        return build(config, registry, metrics, AnswerListener.NONE);
    }

    /** The topology scoring with {@code registry}'s model, counting into {@code metrics} and telling {@code listener}. */
    public static Topology build(EmbedderConfig config, ModelRegistry registry, EmbedderMetrics metrics,
                                 AnswerListener listener) {
        StoreBuilder<KeyValueStore<String, byte[]>> stats = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PairScoringProcessor.STATS_STORE),
                org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.ByteArray());
        // Caching folds the many updates of a commit interval into one changelog write; for pending pairs it
        // means a pair buffered and answered within the interval never reaches the changelog.
        StoreBuilder<KeyValueStore<Long, byte[]>> pending = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PairScoringProcessor.PENDING_STORE),
                org.apache.kafka.common.serialization.Serdes.Long(),
                org.apache.kafka.common.serialization.Serdes.ByteArray()).withCachingEnabled()
                .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(EmbedderConfig.MAX_RECORD_BYTES)));
        // Consecutive pairs of a stream share frames: keep each stream's recent frame encodings for its next pairs.
        FrameEncodings frameCache = config.frameCacheFrames() == 0 ? null
                : new FrameEncodings(config.frameCacheFrames(), FrameEncodings.DEFAULT_MAX_STREAMS);
        BatchScorer scorer = new BatchScorer(registry, metrics, config.batchMaxPairs(), frameCache, config.scoring());
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.FRAME_PAIRS);
        topology.addProcessor(PROCESSOR, () -> new PairScoringProcessor(config, registry, metrics, scorer, listener), SOURCE);
        topology.addStateStore(stats, PROCESSOR);
        topology.addStateStore(pending, PROCESSOR);
        topology.addStateStore(latest(PairScoringProcessor.LATEST_ENERGY_STORE), PROCESSOR);
        topology.addStateStore(latest(PairScoringProcessor.LATEST_LATENT_STORE), PROCESSOR);
        topology.addSink(LATENTS_SINK, Topics.LATENTS, new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        topology.addSink(ANOMALY_SINK, Topics.ANOMALY_ENERGY, new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        topology.addSink(DLQ_SINK, Topics.FRAME_PAIRS_DLQ, new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> latest(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.ByteArray()).withCachingEnabled();
    }
}
