package io.vjepastream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import io.vjepastream.trainer.Losses;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The walking-skeleton scenario, run against any broker: ingest a real video, train a few dozen steps,
 * let the embedder answer every pair, and check what came out on every topic.
 */
final class PipelineScenario {
    static final String STREAM = "car-detection";
    static final int MAX_STEPS = 40;

    /**
     * Small enough to train 40 steps on two cores in well under a minute, large enough to learn. It
     * predicts target tokens outright (no residual on the newest frame) at a moderate rate: 40 steps
     * are too few for the residual predictor's loss to settle, and this scenario judges learning by
     * the loss alone.
     */
    static final JepaConfig MODEL = JepaConfig.builder()
            .imageSize(64).patchSize(8)
            .encoderWidth(96).encoderDepth(2).encoderHeads(3).mlpRatio(4)
            .predictorWidth(48).predictorDepth(2).predictorHeads(3).predictorResidual(false)
            .learningRate(1e-3f).warmupSteps(5)
            .build();

    private PipelineScenario() {
    }

    static Path video(String name) {
        String configured = System.getProperty("vjepa.videos.dir");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured, name));
        }
        candidates.add(Path.of("..", "shared", "videos", name));
        candidates.add(Path.of("..", "..", "shared", "videos", name));
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "sample video " + name + " not found; set -Dvjepa.videos.dir");
        return null;
    }

    static void run(String externalBootstrap, Path checkpointDir) throws Exception {
        SourceSpec source = SourceSpec.parse(video("car-detection.mp4").toString());
        source.validate();
        LocalPipeline.Settings settings = new LocalPipeline.Settings(List.of(source), externalBootstrap, 0,
                checkpointDir, MODEL, 8, 10, MAX_STEPS);
        try (LocalPipeline pipeline = LocalPipeline.start(settings)) {
            String bootstrap = pipeline.bootstrapServers();
            sendCorruptPair(bootstrap);

            assertTrue(pipeline.ingest().awaitCompletion(Duration.ofMinutes(3)), "ingest finished the file");
            StreamStats stats = pipeline.ingest().metrics().get(STREAM);
            assertEquals(StreamState.COMPLETED, stats.state(), stats.toString());
            long pairs = stats.pairsSent();
            // 30 s at 12.5 fps sampled to 10 fps is about 300 frames; pairs span 4 sampled frames.
            assertTrue(pairs > 250 && pairs < 320, "pairs sent: " + pairs);

            assertTrue(pipeline.trainer().awaitFinished(Duration.ofMinutes(5)), "trainer reached its step limit");
            assertTrue(pipeline.trainer().failure().isEmpty(), () -> "trainer failed: " + pipeline.trainer().failure());
            assertEquals(MAX_STEPS, pipeline.trainer().metrics().steps());
            assertLossFell(pipeline.trainer().losses());

            Map<Long, LatentState> latents = consumeExactlyOnePerPair(bootstrap, Topics.LATENTS, pairs,
                    bytes -> Serdes.latentState().decode(bytes), LatentState::getSequence);
            Map<Long, AnomalyEnergy> energies = consumeExactlyOnePerPair(bootstrap, Topics.ANOMALY_ENERGY, pairs,
                    bytes -> Serdes.anomalyEnergy().decode(bytes), AnomalyEnergy::getSequence);
            for (long seq = 0; seq < pairs; seq++) {
                assertValid(latents.get(seq), energies.get(seq), seq);
            }

            assertCheckpointsAnnounced(bootstrap, checkpointDir);
            assertCorruptPairDeadLettered(bootstrap);
            assertEquals(1, pipeline.embedder().metrics().pairsDeadLettered(), "the embedder counts its dead letter");
            assertEquals(1, pipeline.trainer().metrics().rejected(), "the trainer skipped the record");
            assertTrue(new ProgressReport(pipeline).line().endsWith(", 1 dead-lettered"), "the progress line counts it once");
        }
    }

    private static void assertLossFell(Losses losses) {
        // One loss per completed step. A run that diverged and went back to its last checkpoint (the
        // trainer's non-finite guard, tested on its own in the trainer module) repeats the steps since.
        assertTrue(losses.steps() >= MAX_STEPS && losses.steps() <= MAX_STEPS + 10, "losses: " + losses.steps());
        losses.recent().forEach(loss -> assertTrue(Float.isFinite(loss), "finite loss: " + losses));
        double first = losses.meanOfFirst(5);
        double last = losses.meanOfLast(5);
        assertTrue(last < 0.8 * first, "loss fell by at least 20%: first 5 steps " + first + ", last 5 " + last);
    }

    private static void assertValid(LatentState latent, AnomalyEnergy energy, long seq) {
        assertEquals(STREAM, latent.getStreamId());
        assertEquals(STREAM, energy.getStreamId());
        assertEquals(latent.getPtsMicros(), energy.getPtsMicros(), "same pair, same target frame");
        assertTrue(latent.getModelVersion().matches("tiny-v\\d+"), latent.getModelVersion());
        assertTrue(energy.getModelVersion().matches("tiny-v\\d+"), energy.getModelVersion());
        assertEquals(MODEL.encoderWidth(), latent.getEmbedding().size());
        latent.getEmbedding().forEach(v -> assertTrue(Float.isFinite(v), "finite embedding at " + seq));
        assertTrue(Double.isFinite(energy.getEnergy()) && energy.getEnergy() > 0, "energy at " + seq);
        assertEquals(MODEL.tokensPerFrame(), energy.getPatchEnergy().size());
        energy.getPatchEnergy().forEach(v -> assertTrue(Float.isFinite(v), "finite patch energy at " + seq));
    }

    /** Reads the topic until every sequence 0..pairs-1 arrived, failing on any duplicate. */
    private static <T> Map<Long, T> consumeExactlyOnePerPair(String bootstrap, String topic, long pairs,
            Function<byte[], T> decode, Function<T, Long> sequence) {
        Map<Long, T> bySequence = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topic)) {
            while (bySequence.size() < pairs && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals(STREAM, record.key());
                    T value = decode.apply(record.value());
                    T previous = bySequence.put(sequence.apply(value), value);
                    assertTrue(previous == null, "sequence " + sequence.apply(value) + " answered twice on " + topic);
                }
            }
            // Anything beyond the expected answers would be a duplicate or an invented sequence.
            for (ConsumerRecord<String, byte[]> extra : consumer.poll(Duration.ofSeconds(2))) {
                throw new AssertionError("unexpected extra record on " + topic + " at offset " + extra.offset());
            }
        }
        assertEquals(pairs, bySequence.size(), "answers on " + topic);
        assertEquals(pairs - 1, ((TreeMap<Long, T>) bySequence).lastKey(), "sequences 0.." + (pairs - 1));
        return bySequence;
    }

    private static void assertCheckpointsAnnounced(String bootstrap, Path checkpointDir) throws Exception {
        List<CheckpointEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, Topics.CHECKPOINTS)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && events.stream().noneMatch(e -> e.getStep() == MAX_STEPS)) {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(r -> events.add(Serdes.checkpointEvent().decode(r.value())));
            }
        }
        List<Long> steps = events.stream().map(CheckpointEvent::getStep).toList();
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), steps, "a checkpoint at start and every 10 steps");
        CheckpointEvent last = events.get(events.size() - 1);
        assertEquals("tiny", last.getModelId());
        assertTrue(last.getMetrics().containsKey("loss"), last.getMetrics().toString());
        assertFalse(last.getOffsets().isEmpty(), "the checkpoint records consumed offsets");
        Path dir = Path.of(URI.create(last.getUri()));
        assertTrue(dir.startsWith(checkpointDir.toAbsolutePath().normalize()), dir.toString());
        assertEquals(List.of(), CheckpointManifest.verify(dir, last.getSha256()));
    }

    private static void sendCorruptPair(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(Topics.FRAME_PAIRS, "broken-camera",
                    "not an avro record".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static void assertCorruptPairDeadLettered(String bootstrap) {
        List<String> services = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, Topics.FRAME_PAIRS_DLQ)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // After the first, a few more seconds: a second dead letter of the same record would show.
            while (System.nanoTime() < deadline) {
                if (!services.isEmpty()) {
                    deadline = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(3).toNanos());
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("broken-camera", r.key());
                    assertEquals("not an avro record", new String(r.value(), StandardCharsets.UTF_8));
                    Header reason = r.headers().lastHeader(Topics.DLQ_REASON_HEADER);
                    assertTrue(reason != null && reason.value().length > 0, "reason header");
                    services.add(new String(r.headers().lastHeader(Topics.DLQ_SERVICE_HEADER).value(),
                            StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of("embedder"), services, "one record in, one dead letter out, from the embedder");
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
