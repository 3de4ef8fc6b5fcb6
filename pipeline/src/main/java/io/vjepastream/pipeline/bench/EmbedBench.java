package io.vjepastream.pipeline.bench;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.embedder.EmbedderService;
import io.vjepastream.embedder.MetricsSnapshot;
import io.vjepastream.eval.SyntheticData;
import io.vjepastream.ingest.pair.TemporalMasks;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedder's latency and throughput through a real broker in this JVM, with an untrained model of the
 * given config (the cost of a pair does not depend on the weights) and the embedder's default settings
 * unless {@code embedderSettings} overrides one. After an unmeasured warm-up at camera rate (the JIT compiler
 * otherwise takes a third of the cores for the first minute), two phases, each on its own stream ids: camera
 * rate (several streams paced at a fixed rate; latency from a pair's send to its AnomalyEnergy read on a
 * read_committed consumer) and backlog (as many pairs as fast as the producer goes; pairs answered per second
 * from the first answer to the last). A pair still unanswered when the drain time ends counts with its wait
 * so far, so p50/p99 are then lower bounds ({@code unanswered} says how many).
 */
public final class EmbedBench {
    private static final int WARMUP_PAIRS = 64;

    private final int streams;
    private final double rate;
    private final Duration duration;
    private final Duration warmup;
    private final int backlog;
    private final Duration drain;
    private final JepaConfig model;
    private final Map<String, String> embedderSettings;

    /**
     * What to measure.
     *
     * @param streams cameras of the camera-rate phase
     * @param rate pairs per second of each camera
     * @param duration how long the cameras send in the measured phase
     * @param warmup how long they send, unmeasured, before it
     * @param backlog pairs sent at once for the throughput phase; 0 skips it
     * @param drain longest wait for the answers after each phase's last send
     * @param model the model whose untrained weights score
     * @param embedderSettings embedder settings by name or Kafka Streams settings, as
     *     {@link EmbedderConfig.Builder#settings} reads them
     */
    public EmbedBench(int streams, double rate, Duration duration, Duration warmup, int backlog, Duration drain,
                      JepaConfig model, Map<String, String> embedderSettings) {
        this.streams = streams;
        this.rate = rate;
        this.duration = duration;
        this.warmup = warmup;
        this.backlog = backlog;
        this.drain = drain;
        this.model = model;
        this.embedderSettings = Map.copyOf(embedderSettings);
    }

    /**
     * Runs the phases and returns the results, printing progress to {@code log}.
     *
     * @return the JSON fields, in the order they are documented in {@code vjepa bench embed --help}
     */
    public Map<String, Object> run(PrintWriter log) throws Exception {
        Path work = Files.createTempDirectory("vjepa-bench-embed");
        Map<String, Object> json = new LinkedHashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.createAll(bootstrap, Math.max(1, streams), (short) 1);
            announce(bootstrap, checkpoint(work.resolve("checkpoint"), model));
            EmbedderConfig config = EmbedderConfig.builder(bootstrap).stateDir(work.resolve("state"))
                    .settings(embedderSettings).build();
            try (EmbedderService embedder = new EmbedderService(config);
                 EmbedBenchAnswers answers = new EmbedBenchAnswers(bootstrap);
                 KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                embedder.start();
                awaitUp(embedder);
                log.println("embedder up (" + embedder.health().detail() + "); warming up");
                log.flush();
                Pairs pairs = new Pairs(model);
                // A few full batches load the natives, then the cameras run unmeasured while the JIT compiles.
                sendBacklog(producer, pairs, answers, "warmup", WARMUP_PAIRS);
                answers.await(WARMUP_PAIRS, drain);
                if (!warmup.isZero()) {
                    log.printf("warm-up: %d stream(s) x %.1f pairs/s for %s, unmeasured%n", streams, rate, warmup);
                    log.flush();
                    answers.reset();
                    runAtRate(producer, pairs, answers, "warm", warmup);
                    answers.await(answers.sent(), drain);
                }

                log.printf("camera rate: %d stream(s) x %.1f pairs/s for %s%n", streams, rate, duration);
                log.flush();
                answers.reset();
                EmbedBenchCost camCost = EmbedBenchCost.start(embedder);
                runAtRate(producer, pairs, answers, "cam", duration);
                answers.await(answers.sent(), drain);
                camCost.finish("rate", answers.sent() - answers.unanswered(), json);
                double[] latencies = answers.latenciesMs();
                json.put("p50_ms", round(percentile(latencies, 50)));
                json.put("p99_ms", round(percentile(latencies, 99)));
                json.put("latency_pairs", latencies.length);
                json.put("unanswered", answers.unanswered());

                double throughput = 0;
                if (backlog > 0) {
                    log.printf("backlog: %d pairs as fast as they go%n", backlog);
                    log.flush();
                    answers.reset();
                    EmbedBenchCost backlogCost = EmbedBenchCost.start(embedder);
                    sendBacklog(producer, pairs, answers, "backlog", backlog);
                    answers.await(backlog, drain);
                    backlogCost.finish("backlog", backlog - answers.unanswered(), json);
                    throughput = answers.answersPerSecond();
                }
                json.put("pairs_per_s", round(throughput));
                json.put("streams", streams);
                json.put("rate_per_stream", rate);
                MetricsSnapshot metrics = embedder.metrics();
                json.put("mean_batch_pairs", round(metrics.meanBatchSize()));
                json.put("model", model.imageSize() + "x" + model.imageSize() + " px, encoder " + model.encoderWidth() + " wide x "
                        + model.encoderDepth() + " deep, " + model.encoderHeads() + " heads, predictor "
                        + model.predictorWidth() + " x " + model.predictorDepth() + ", " + model.targetEncoderMode());
                json.put("default_model", model.equals(JepaConfig.defaults()));
                json.put("batch_max_pairs", config.batchMaxPairs());
                json.put("batch_linger_ms", config.batchLinger().toMillis());
                json.put("frame_cache_frames", config.frameCacheFrames());
                json.put("context_encoder", config.contextEncoder().key());
                json.put("energy_measure", config.energyMeasure().key());
                json.put("embedder_settings", embedderSettings);
                json.put("warmup_s", warmup.toMillis() / 1000.0);
                json.put("processing_guarantee", config.processingGuarantee());
                json.put("available_processors", Runtime.getRuntime().availableProcessors());
            }
        }
        return json;
    }

    /** Sends {@code count} pairs spread over the streams as fast as the producer takes them. */
    private void sendBacklog(KafkaProducer<String, byte[]> producer, Pairs pairs, EmbedBenchAnswers answers, String prefix,
            int count) {
        int n = Math.max(1, streams);
        for (int i = 0; i < count; i++) {
            send(producer, pairs, answers, prefix + "-" + (i % n), i / n);
        }
        producer.flush();
    }

    /** Sends pair n of every stream at n / rate seconds, the streams spread evenly within each period. */
    private void runAtRate(KafkaProducer<String, byte[]> producer, Pairs pairs, EmbedBenchAnswers answers, String prefix,
            Duration length) {
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        for (long n = 0; ; n++) {
            for (int s = 0; s < streams; s++) {
                long due = start + n * periodNanos + s * periodNanos / streams;
                if (due >= end) {
                    producer.flush();
                    return;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                send(producer, pairs, answers, prefix + "-" + s, n);
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Pairs pairs, EmbedBenchAnswers answers, String stream, long seq) {
        byte[] value = Serdes.framePair().encode(pairs.pair(stream, seq));
        answers.sent(stream, seq, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.FRAME_PAIRS, stream, value));
    }

    /**
     * Frame pairs of the model's size, cut from a synthetic scene (moving objects on a still background),
     * so that the pairs compress on the topics and in the changelogs as camera footage does; the model's
     * cost does not depend on the pictures.
     */
    private static final class Pairs {
        private static final int SCENE_FRAMES = 300;
        private final JepaConfig model;
        private final List<ByteBuffer> frames = new ArrayList<>();
        private final TemporalMask mask;

        Pairs(JepaConfig model) {
            this.model = model;
            List<PairSample> scene = new SyntheticData(model, 30, 1).samples("synthetic:?seconds=" + (SCENE_FRAMES / 30 + 1));
            for (PairSample sample : scene.subList(0, Math.min(SCENE_FRAMES, scene.size()))) {
                frames.add(ByteBuffer.wrap(sample.target().get(0)));
            }
            mask = TemporalMasks.temporal(model.contextFrames(), model.targetFrames(), model.gridSize(), model.patchSize());
        }

        FramePair pair(String stream, long seq) {
            List<Frame> context = new ArrayList<>();
            List<Frame> target = new ArrayList<>();
            for (int i = 0; i < model.contextFrames() + model.targetFrames(); i++) {
                Frame frame = Frame.newBuilder().setPtsMicros((seq + i) * 33_333).setCaptureTimeMicros(System.currentTimeMillis() * 1000)
                        .setWidth(model.imageSize()).setHeight(model.imageSize()).setPixelFormat(PixelFormat.RGB24)
                        .setEncoding(FrameEncoding.RAW).setData(frames.get((int) ((seq + i) % frames.size())).duplicate()).build();
                (i < model.contextFrames() ? context : target).add(frame);
            }
            return FramePair.newBuilder().setStreamId(stream).setSequence(seq).setContext(context).setTarget(target)
                    .setStrideFrames(1).setMask(mask).setAction(null).setSource("bench:" + stream).build();
        }
    }

    private static Path checkpoint(Path dir, JepaConfig model) throws Exception {
        Files.createDirectories(dir);
        try (JepaTrainer trainer = new JepaTrainer(model)) {
            trainer.save(dir);
        }
        CheckpointManifest.write(dir);
        return dir;
    }

    private static void announce(String bootstrap, Path dir) throws Exception {
        CheckpointEvent event = CheckpointEvent.newBuilder().setModelId("bench").setVersion(1).setStep(0)
                .setUri(dir.toUri().toString()).setSha256(CheckpointManifest.digestOf(dir))
                .setCreatedAtMillis(System.currentTimeMillis()).setMetrics(Map.of()).setOffsets(Map.of()).build();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, "bench", Serdes.checkpointEvent().encode(event))).get();
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // As vjepa ingest sends frame pairs: zstd at level 1 (the topic's codec, so the broker keeps the batches).
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void awaitUp(EmbedderService embedder) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!embedder.health().up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("embedder not up after 2 minutes: " + embedder.health().detail());
            }
            Thread.sleep(100);
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }
}
