package io.vjepastream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.app.cli.ParsedKafkaOptions;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on an in-JVM broker whose client listener requires SASL/PLAIN: ingest, trainer and
 * embedder get their login only through the pass-through client properties (the JAAS line itself from
 * Kafka's file config provider), and clients without a valid login are refused.
 */
class SecuredPipelineTest {
    private static final JepaConfig MODEL = JepaConfig.builder()
            .imageSize(32).patchSize(8).encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();
    private static final Duration WAIT = Duration.ofMinutes(2);
    /** How long a refused client may try before the test calls it refused. */
    private static final int REFUSAL_MILLIS = 5_000;
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    @TempDir
    Path dir;

    @Test
    void thePipelineRunsWithPassThroughCredentialsAndClientsWithoutThemAreRefused() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .saslPlainUsers(Map.of("vjepa", password)).build().start()) {
            assertEquals("SASL_PLAINTEXT", broker.securityProtocol());
            String bootstrap = broker.bootstrapServers();
            Map<String, String> kafka = passThrough(password);
            assertFalse(kafka.toString().contains(password), "the password is only in the secrets file");

            System.setErr(new PrintStream(new Tee(originalErr, logged), true, StandardCharsets.UTF_8));
            Map<String, Object> adminConfig = new HashMap<>(kafka);
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(adminConfig)) {
                TopicSetup.createAll(admin, 1, (short) 1);
            }
            int pairs = runPipeline(bootstrap, kafka);
            tailWithTheSameFlags(bootstrap, password);
            System.setErr(originalErr);
            String log = logged.toString(StandardCharsets.UTF_8);
            assertFalse(log.contains(password), "no log line holds the password");

            assertRefused(bootstrap, Map.of(), TimeoutException.class, "a PLAINTEXT client");
            assertRefused(bootstrap, login("", ""), SaslAuthenticationException.class, "an empty login");
            assertRefused(bootstrap, login("vjepa", "wrong-" + password), SaslAuthenticationException.class,
                    "a wrong password");
            assertRefused(bootstrap, login("mallory", password), SaslAuthenticationException.class, "an unknown user");
            assertTrue(pairs > 0);
        } finally {
            System.setErr(originalErr);
        }
    }

    /** Ingests a short synthetic clip, trains two steps and waits for the embedder's answer to every pair. */
    private int runPipeline(String bootstrap, Map<String, String> kafka) throws Exception {
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

    /** The operator's view: a client file, a secrets file, and flags naming the file provider. */
    private Map<String, String> passThrough(String password) throws Exception {
        Path secrets = Files.writeString(dir.resolve("kafka-secrets.properties"),
                "jaas=" + PLAIN + " required username=\\\"vjepa\\\" password=\\\"" + password + "\\\";\n");
        Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");
        return ParsedKafkaOptions.parse(flags("${file:" + secrets + ":jaas}")).resolve(Map.of());
    }

    /** The Kafka flags of a command whose login is {@code jaas}: the client file, the provider and the JAAS line. */
    private String[] flags(String jaas) {
        return new String[] {"--kafka-config", dir.resolve("client.properties").toString(),
            "--kafka-property", "config.providers=file",
            "--kafka-property", "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
            "--kafka-property", "sasl.jaas.config=" + jaas};
    }

    /** {@code vjepa tail} reads the answers with the operator's flags, and fails in one line with a wrong password. */
    private void tailWithTheSameFlags(String bootstrap, String password) {
        String secrets = dir.resolve("kafka-secrets.properties").toString();
        CliRun ok = CliRun.vjepa(Stream.concat(Stream.of("tail", Topics.ANOMALY_ENERGY, "--bootstrap", bootstrap,
                "--max", "1", "--timeout", "30s"), Stream.of(flags("${file:" + secrets + ":jaas}"))).toArray(String[]::new));
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("\"sequence\""), ok.out());

        String wrong = PLAIN + " required username=\"vjepa\" password=\"wrong-" + password + "\";";
        CliRun refused = CliRun.vjepa(Stream.concat(Stream.of("tail", Topics.ANOMALY_ENERGY, "--bootstrap", bootstrap,
                "--timeout", "10s"), Stream.of(flags(wrong))).toArray(String[]::new));
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("Authentication failed"), refused.err());
        assertFalse(refused.err().contains(password), "the error line quotes no password: " + refused.err());
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

    private static Map<String, Object> login(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                PLAIN + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /**
     * An Admin client with {@code login} asks for the cluster's topics and must fail with {@code expected}
     * within {@link #REFUSAL_MILLIS}: an authentication error for a bad login; for a PLAINTEXT client, whose
     * requests the SASL listener drops, no answer at all.
     */
    private static void assertRefused(String bootstrap, Map<String, Object> login, Class<? extends Exception> expected,
            String who) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REFUSAL_MILLIS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REFUSAL_MILLIS);
        try (Admin admin = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(2L * REFUSAL_MILLIS, TimeUnit.MILLISECONDS), who);
            assertInstanceOf(expected, e.getCause(), who + ": " + e.getCause());
        }
    }

    /** Writes to two streams: the console, and a buffer the test searches for the password. */
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
