package io.vjepastream.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EmbedderService;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import io.vjepastream.trainer.TrainerConfig;
import io.vjepastream.trainer.TrainerService;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the tests of secured brokers share: the whole pipeline configured only by pass-through client
 * properties, {@code vjepa tail} with the operator's flags, and the check that a client is refused.
 */
final class SecuredPipeline {
    private static final JepaConfig MODEL = JepaConfig.builder()
            .imageSize(32).patchSize(8).encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();
    private static final Duration WAIT = Duration.ofMinutes(2);
    /** How long a refused client may try before the test calls it refused. */
    private static final int REFUSAL_MILLIS = 5_000;

    /** Code that may throw, run while stderr is captured. */
    interface Body {
        void run() throws Exception;
    }

    private SecuredPipeline() {
    }

    /**
     * Creates the product topics through a client with {@code kafka}, ingests a short synthetic clip,
     * trains two steps and waits for the embedder's answer to every pair, read back through a consumer
     * with {@code kafka} too; {@code dir} holds the checkpoints and the Streams state.
     *
     * @return the number of pairs, each answered by one finite energy
     */
    static int run(Path dir, String bootstrap, Map<String, String> kafka) throws Exception {
        Map<String, Object> adminConfig = new HashMap<>(kafka);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminConfig)) {
            TopicSetup.createAll(admin, 1, (short) 1);
        }
        EmbedderConfig.Builder embedderConfig = EmbedderConfig.builder(bootstrap).stateDir(dir.resolve("streams"))
                .zScoreWarmup(2);
        kafka.forEach(embedderConfig::streamsProperty);
        try (EmbedderService embedder = new EmbedderService(embedderConfig.build());
             TrainerService trainer = new TrainerService(TrainerConfig.builder().bootstrapServers(bootstrap)
                     .groupId("secured-trainer").checkpointDir(dir.resolve("checkpoints")).model(MODEL)
                     .batchSize(4).replayCapacity(64).checkpointEverySteps(1).maxSteps(2)
                     .kafkaProperties(kafka).build())) {
            embedder.start();
            trainer.start();
            IngestConfig ingestConfig = IngestConfig.builder().imageSize(MODEL.imageSize()).patchSize(MODEL.patchSize())
                    .kafkaProperties(kafka).build();
            KafkaPairSink sink = new KafkaPairSink(bootstrap, ingestConfig.kafkaProperties());
            try (IngestService ingest = new IngestService(ingestConfig,
                    List.of(SourceSpec.parse("synthetic:?seconds=2&fps=10&seed=5")), sink)) {
                ingest.start();
                assertTrue(ingest.awaitCompletion(WAIT), "ingest finished");
            }
            int pairs = (int) sink.acknowledged();
            assertTrue(pairs > 4, "pairs acknowledged by the secured broker: " + pairs);

            assertTrue(trainer.awaitFinished(WAIT), "trainer reached its 2 steps");
            assertTrue(trainer.failure().isEmpty(), () -> "trainer failed: " + trainer.failure());
            assertEquals(2, trainer.metrics().steps());

            List<AnomalyEnergy> energies = readEnergies(bootstrap, kafka, pairs);
            assertEquals(pairs, energies.size(), "one energy per pair, read back through a secured consumer");
            assertTrue(energies.stream().allMatch(e -> e.getModelVersion().startsWith("tiny-v")
                    && Double.isFinite(e.getEnergy())), "every answer names its model and is finite");
            return pairs;
        }
    }

    /** {@code vjepa tail vjepa.anomaly-energy --bootstrap BOOTSTRAP OPTIONS... KAFKA_FLAGS...}, in this JVM. */
    static CliRun tail(String bootstrap, List<String> options, String... kafkaFlags) {
        return CliRun.vjepa(Stream.of(Stream.of("tail", Topics.ANOMALY_ENERGY, "--bootstrap", bootstrap),
                options.stream(), Stream.of(kafkaFlags)).flatMap(s -> s).toArray(String[]::new));
    }

    /**
     * An Admin client with {@code clientProperties} asks for the cluster's topics and must fail with
     * {@code expected} within a few seconds: an authentication error for a bad login or certificate; for
     * a client that speaks the wrong protocol, whose requests the listener drops, no answer at all.
     */
    static void assertRefused(String bootstrap, Map<String, Object> clientProperties,
            Class<? extends Exception> expected, String who) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REFUSAL_MILLIS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REFUSAL_MILLIS);
        try (Admin admin = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(2L * REFUSAL_MILLIS, TimeUnit.MILLISECONDS), who);
            assertInstanceOf(expected, e.getCause(), who + ": " + e.getCause());
        }
    }

    /** Runs {@code body} with stderr also copied into a buffer, and returns what it wrote there, logs included. */
    static String capturingStderr(Body body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, logged), true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return logged.toString(StandardCharsets.UTF_8);
    }

    private static List<AnomalyEnergy> readEnergies(String bootstrap, Map<String, String> kafka, int expected) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<AnomalyEnergy> energies = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.ANOMALY_ENERGY, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (energies.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> energies.add(Serdes.anomalyEnergy().decode(r.value())));
            }
        }
        return energies;
    }

    /** Writes to two streams: the console, and a buffer the test searches. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
