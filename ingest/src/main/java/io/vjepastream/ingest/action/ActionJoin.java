package io.vjepastream.ingest.action;

import io.vjepastream.schemas.Topics;
import io.vjepastream.schemas.files.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs {@link ActionJoinTopology} next to ingest, for {@code vjepa ingest --join-actions}: ingest
 * writes its pairs to {@link #UNJOINED_TOPIC}, and this Kafka Streams application writes them, each
 * with its stream's action, to {@link Topics#FRAME_PAIRS}. {@link #start} creates the unjoined and
 * actions topics where they are missing, with as many partitions as the pairs topic, as the join
 * needs. {@link #awaitCaughtUp(Duration)} waits until every unjoined pair has been joined and
 * committed, so that a run over files ends with all of its pairs on the output topic.
 */
public final class ActionJoin implements AutoCloseable {
    /** Where ingest writes its pairs when actions are joined. */
    public static final String UNJOINED_TOPIC = Topics.FRAME_PAIRS + ".unjoined";
    /** The join's Kafka Streams application id, which is also its consumer group. */
    public static final String APPLICATION_ID = "vjepa-action-join";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> adminConfig;
    private final KafkaStreams streams;
    private final Path stateDir;

    private ActionJoin(Map<String, Object> adminConfig, KafkaStreams streams, Path stateDir) {
        this.adminConfig = adminConfig;
        this.streams = streams;
        this.stateDir = stateDir;
    }

    /**
     * Creates the missing topics and starts the join.
     *
     * @param bootstrapServers the brokers
     * @param clientProperties Kafka client properties (security, timeouts) for its clients
     * @param clock which frame time actions are compared with
     * @param maxMessageBytes the largest pair record, given to the unjoined topic and the join's producer
     * @throws IllegalStateException naming the topic when the topics cannot be described or created
     */
    public static ActionJoin start(String bootstrapServers, Map<String, ?> clientProperties, ActionClock clock,
                                   int maxMessageBytes) {
        Map<String, Object> admin = new HashMap<>(clientProperties);
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        createMissingTopics(admin, maxMessageBytes);
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("vjepa-action-join-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the action join: " + e.getMessage(), e);
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.putAll(ActionJoinTopology.properties(APPLICATION_ID, bootstrapServers));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Joined pairs are as large as ingest's; the default 1 MB request would refuse big frames.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxMessageBytes + 1024 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
        KafkaStreams streams = new KafkaStreams(ActionJoinTopology.build(UNJOINED_TOPIC, Topics.ACTIONS,
                Topics.FRAME_PAIRS, clock, ActionJoinTopology.DEFAULT_RETENTION), props);
        streams.start();
        return new ActionJoin(admin, streams, stateDir);
    }

    /** The join's Kafka Streams state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Waits until the join has committed every pair on the unjoined topic so far.
     *
     * @return true when caught up in time, false on timeout or when the join stopped
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            Map<TopicPartition, Long> ends = endOffsets(admin);
            while (System.nanoTime() < deadline) {
                KafkaStreams.State s = streams.state();
                if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                    return false;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (done) {
                    return true;
                }
                Thread.sleep(POLL.toMillis());
            }
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the action join's progress on " + UNJOINED_TOPIC + ": "
                    + e.getCause(), e.getCause());
        }
    }

    /** Stops the join and deletes its local state (the store is rebuilt from its changelog). */
    @Override
    public void close() {
        streams.close(ADMIN_TIMEOUT);
        DirectoryTrees.deleteQuietly(stateDir); // a temporary directory left behind is harmless
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(UNJOINED_TOPIC)).allTopicNames().get().get(UNJOINED_TOPIC)
                .partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(UNJOINED_TOPIC, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void createMissingTopics(Map<String, Object> config, int maxMessageBytes) {
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(Topics.FRAME_PAIRS)) {
                throw new IllegalStateException("topic " + Topics.FRAME_PAIRS + " does not exist; the action join"
                        + " writes to it and takes its partition count from it (create the topics first)");
            }
            int partitions = admin.describeTopics(List.of(Topics.FRAME_PAIRS)).allTopicNames().get()
                    .get(Topics.FRAME_PAIRS).partitions().size();
            for (String name : List.of(UNJOINED_TOPIC, Topics.ACTIONS)) {
                if (existing.contains(name)) {
                    continue;
                }
                NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
                if (name.equals(UNJOINED_TOPIC)) {
                    topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)));
                }
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare the action join's topics " + UNJOINED_TOPIC + " and "
                    + Topics.ACTIONS + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the action join's topics", e);
        }
    }
}
