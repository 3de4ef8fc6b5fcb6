package io.vjepastream.ingest.action;

import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A Kafka Streams topology that joins each stream's actions into its frame pairs by time. It reads
 * {@code Action}s ({@link Topics#ACTIONS} by default) and frame pairs from an input topic, and writes
 * every pair, with its {@code action} set to the latest action of the same stream at or before the
 * pair's newest context frame {@code t}, to the output topic. That is the command in force when the
 * interval from {@code t} to the target frame {@code t+k} begins (a zero-order hold); it is known as
 * soon as the pair is, so pairs are never held back waiting for later actions. An action published
 * after a pair arrives is not joined into it; since a pair is cut {@code k} frames after {@code t}, an
 * action has that long to arrive.
 *
 * <p>Both topics must be keyed by stream id and have the same number of partitions, so that a stream's
 * actions and pairs meet in the same task. Actions are kept in a changelogged state store, per stream,
 * from the one last used onwards and for at most the retention behind the newest action.
 */
final class ActionJoinTopology {
    /** The state store of recent actions, ordered by stream and time. */
    public static final String ACTIONS_STORE = "vjepa-actions-by-time";
    /** How far behind a stream's newest action older ones are kept by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

    static final String PAIRS_SOURCE = "pairs-source";
    static final String ACTIONS_SOURCE = "actions-source";
    static final String RECORDER = "record-actions";
    static final String JOINER = "join-actions";
    static final String SINK = "joined-pairs-sink";

    private ActionJoinTopology() {
    }

    /**
     * The topology on frame presentation times, with {@link Topics#ACTIONS} and the default retention.
     *
     * @param pairsTopic where the unjoined pairs are read from
     * @param outputTopic where the joined pairs are written, e.g. {@link Topics#FRAME_PAIRS}
     */
    public static Topology build(String pairsTopic, String outputTopic) {
        return build(pairsTopic, Topics.ACTIONS, outputTopic, ActionClock.FRAME_PTS, DEFAULT_RETENTION);
    }

    /**
     * The topology with every choice given.
     *
     * @param pairsTopic where the unjoined pairs are read from
     * @param actionsTopic where the actions are read from
     * @param outputTopic where the joined pairs are written; must differ from {@code pairsTopic}
     * @param clock which frame time the actions' times are compared with
     * @param retention how far behind a stream's newest action older ones are kept; positive
     */
    public static Topology build(String pairsTopic, String actionsTopic, String outputTopic, ActionClock clock,
                                 Duration retention) {
        Objects.requireNonNull(pairsTopic, "pairsTopic");
        Objects.requireNonNull(actionsTopic, "actionsTopic");
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(clock, "clock");
        if (pairsTopic.equals(outputTopic)) {
            throw new IllegalArgumentException("action join output topic " + outputTopic
                    + " is also its input; allowed: a different topic, e.g. ingest into vjepa.frame-pairs.unjoined");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("action retention = " + retention + "; allowed: a positive duration");
        }
        long retentionMicros = retention.toNanos() / 1000;
        StoreBuilder<KeyValueStore<Bytes, byte[]>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ACTIONS_STORE), Serdes.Bytes(), Serdes.ByteArray());
        Topology topology = new Topology();
        topology.addSource(ACTIONS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), actionsTopic);
        topology.addSource(PAIRS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), pairsTopic);
        topology.addProcessor(RECORDER, () -> new ActionRecorder(retentionMicros), ACTIONS_SOURCE);
        topology.addProcessor(JOINER, () -> new PairActionJoiner(clock), PAIRS_SOURCE);
        topology.addStateStore(store, RECORDER, JOINER);
        topology.addSink(SINK, outputTopic, new StringSerializer(), new ByteArraySerializer(), JOINER);
        return topology;
    }

    /**
     * Streams settings to run the topology with: the application id, the brokers, exactly-once v2.
     *
     * @param applicationId the Kafka Streams application id (consumer group and state directory name)
     * @param bootstrapServers the brokers
     */
    public static Properties properties(String applicationId, String bootstrapServers) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }
}
