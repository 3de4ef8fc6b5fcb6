package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.StepResult;
import io.vjepastream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continual trainer: consumes frame pairs, keeps a replay buffer, trains as fast as compute allows
 * (independent of the arrival rate), and writes and announces checkpoints. On start it resumes from the
 * newest complete checkpoint when there is one, otherwise it publishes the initial weights as step 0 so
 * that the embedder can serve at once. Offsets are committed with each checkpoint, so a restart resumes
 * reading where its checkpoint left off.
 */
public final class TrainerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final TrainerConfig config;
    private final CheckpointStore store;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object lock = new Object();
    private final List<Float> losses = new ArrayList<>();
    private final Map<TopicPartition, Long> resumeOffsets = new HashMap<>();
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Throwable failure;
    private volatile boolean finished;

    // Guarded by lock: read by metrics() from other threads.
    private long steps;
    private float lastLoss = Float.NaN;
    private long pairsReceived;
    private long deadLettered;
    private long skippedSteps;
    private long checkpoints;
    private long lastCheckpointStep = -1;
    private double stepsPerSecond;

    public TrainerService(TrainerConfig config) {
        this.config = config;
        this.store = new CheckpointStore(config.checkpointDir(), config.keepCheckpoints());
    }

    /** Starts the training thread; returns at once. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("trainer already started");
        }
        thread = new Thread(this::runSafely, "vjepa-trainer");
        thread.start();
    }

    private void runSafely() {
        try {
            run();
        } catch (WakeupException e) {
            // close() interrupts a blocking poll; nothing to report.
        } catch (Throwable t) {
            failure = t;
            log.error("trainer stopped: {}", t.getMessage(), t);
        } finally {
            finished = true;
            running.set(false);
        }
    }

    private void run() throws IOException {
        store.open();
        try (KafkaConsumer<String, byte[]> kafkaIn = new KafkaConsumer<>(consumerProperties());
             KafkaProducer<String, byte[]> kafkaOut = new KafkaProducer<>(producerProperties());
             JepaTrainer trainer = openTrainer()) {
            consumer = kafkaIn;
            CheckpointAnnouncer announcer = new CheckpointAnnouncer(kafkaOut, config.modelId(), config.clock());
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(kafkaOut);
            PairDecoder decoder = new PairDecoder(config.model());
            ReplayBuffer buffer = new ReplayBuffer(config.replayCapacity(), config.model().seed());
            Map<TopicPartition, Long> positions = new HashMap<>(resumeOffsets);
            synchronized (lock) {
                steps = trainer.steps();
            }
            if (lastCheckpointStep < 0) {
                checkpoint(trainer, announcer, positions, kafkaIn);
            }
            kafkaIn.subscribe(List.of(Topics.FRAME_PAIRS), new ResumeAtCheckpoint(kafkaIn, resumeOffsets));
            Instant lastCheckpointAt = config.clock().instant();
            long stepsAtRateMark = trainer.steps();
            Instant rateMark = lastCheckpointAt;

            while (running.get() && !reachedMaxSteps(trainer)) {
                boolean canTrain = buffer.size() >= config.batchSize();
                for (ConsumerRecord<String, byte[]> record : kafkaIn.poll(canTrain ? Duration.ZERO : IDLE_POLL)) {
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    accept(record, decoder, buffer, deadLetters);
                }
                if (buffer.size() < config.batchSize()) {
                    continue;
                }
                StepResult result = trainer.step(buffer.sample(config.batchSize()));
                Instant now = config.clock().instant();
                if (!Float.isFinite(result.loss())) {
                    // The model left its weights untouched; the step is not counted.
                    synchronized (lock) {
                        skippedSteps++;
                    }
                    log.warn("skipped a step with non-finite loss {} at step {}", result.loss(), result.step());
                    continue;
                }
                synchronized (lock) {
                    steps = result.step();
                    lastLoss = result.loss();
                    losses.add(result.loss());
                    Duration sinceMark = Duration.between(rateMark, now);
                    if (sinceMark.toMillis() >= 2000) {
                        stepsPerSecond = (steps - stepsAtRateMark) * 1000.0 / sinceMark.toMillis();
                        stepsAtRateMark = steps;
                        rateMark = now;
                    }
                }
                boolean dueBySteps = result.step() % config.checkpointEverySteps() == 0;
                boolean dueByTime = Duration.between(lastCheckpointAt, now).compareTo(config.checkpointEvery()) >= 0;
                if (dueBySteps || dueByTime) {
                    checkpoint(trainer, announcer, positions, kafkaIn);
                    lastCheckpointAt = now;
                }
            }
            if (trainer.steps() > lastCheckpointStep) {
                checkpoint(trainer, announcer, positions, kafkaIn);
            }
            kafkaOut.flush();
        } finally {
            consumer = null;
        }
    }

    private JepaTrainer openTrainer() throws IOException {
        Optional<Path> newest = store.latestVerified();
        if (newest.isEmpty()) {
            log.info("no checkpoint in {}; starting from fresh weights", store.root());
            return new JepaTrainer(config.model());
        }
        JepaTrainer restored = JepaTrainer.restore(newest.get());
        JepaConfig saved = restored.config();
        if (!saved.equals(config.model())) {
            restored.close();
            throw new IllegalStateException("checkpoint " + newest.get() + " was trained with a different model "
                    + "config (" + saved + ") than this trainer's (" + config.model() + "); point --checkpoints "
                    + "at another directory or use the same config");
        }
        synchronized (lock) {
            lastCheckpointStep = CheckpointStore.stepOf(newest.get());
        }
        CheckpointStore.readOffsets(newest.get()).forEach((key, offset) -> resumeOffsets.put(ResumeAtCheckpoint.partitionOf(key), offset));
        log.info("resuming from checkpoint {} at step {}", newest.get(), restored.steps());
        return restored;
    }

    private void accept(ConsumerRecord<String, byte[]> record, PairDecoder decoder, ReplayBuffer buffer,
            DeadLetterPublisher deadLetters) {
        PairSample sample;
        try {
            sample = decoder.decode(record.value());
        } catch (RuntimeException e) {
            deadLetters.publish(record, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            synchronized (lock) {
                deadLettered++;
            }
            return;
        }
        buffer.add(record.key() == null ? "" : record.key(), sample);
        synchronized (lock) {
            pairsReceived++;
        }
    }

    private boolean reachedMaxSteps(JepaTrainer trainer) {
        return config.maxSteps() > 0 && trainer.steps() >= config.maxSteps();
    }

    private void checkpoint(JepaTrainer trainer, CheckpointAnnouncer announcer, Map<TopicPartition, Long> positions,
            KafkaConsumer<String, byte[]> kafkaIn) throws IOException {
        Map<String, Long> offsets = new TreeMap<>();
        positions.forEach((tp, offset) -> offsets.put(tp.topic() + "-" + tp.partition(), offset));
        WrittenCheckpoint written = store.write(trainer.steps(), offsets, trainer::save);
        Map<String, Double> metrics = new HashMap<>();
        synchronized (lock) {
            if (!Float.isNaN(lastLoss)) {
                metrics.put("loss", (double) lastLoss);
            }
            metrics.put("pairsReceived", (double) pairsReceived);
        }
        announcer.announce(written, metrics);
        if (!positions.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            positions.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            kafkaIn.commitSync(commit);
        }
        synchronized (lock) {
            checkpoints++;
            lastCheckpointStep = written.step();
        }
        log.info("checkpoint step {} written to {} and announced", written.step(), written.directory());
    }

    /** Stops training after the current step, writes a final checkpoint, and waits for the thread. */
    @Override
    public void close() {
        running.set(false);
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }
    }

    /** Blocks until the trainer has stopped on its own (max steps reached or a failure) or the timeout passes. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(Math.max(1, timeout.toMillis()));
        }
        return finished;
    }

    /** True while the training thread runs and has not failed. */
    public boolean healthy() {
        return running.get() && failure == null;
    }

    /** Why the trainer stopped, when it stopped on an error. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public TrainerMetrics metrics() {
        synchronized (lock) {
            return new TrainerMetrics(steps, lastLoss, pairsReceived, deadLettered, skippedSteps, checkpoints,
                    lastCheckpointStep, stepsPerSecond);
        }
    }

    /** The loss of every step of this run, in order. */
    public List<Float> losses() {
        synchronized (lock) {
            return List.copyOf(losses);
        }
    }

    public CheckpointStore checkpointStore() {
        return store;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 64);
        // Training steps run between polls; leave room for slow steps on small machines.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

}
