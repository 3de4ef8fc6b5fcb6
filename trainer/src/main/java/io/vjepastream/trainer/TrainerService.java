package io.vjepastream.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vjepastream.model.CollapseStatistics;
import io.vjepastream.model.FramePairDecoder;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.StepResult;
import io.vjepastream.runtime.Service;
import io.vjepastream.runtime.http.ServiceHealth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continual trainer: consumes frame pairs, keeps a replay buffer, trains as fast as compute allows
 * (independent of the arrival rate), and writes and announces checkpoints. On start it resumes from the
 * newest complete checkpoint when there is one, otherwise it publishes the initial weights as step 0 so
 * that the embedder can serve at once. Offsets are committed with each checkpoint, so a restart resumes
 * reading where its checkpoint left off.
 */
public final class TrainerService implements Service {
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final TrainerConfig config;
    private final CheckpointStore store;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object lock = new Object();
    private final LossHistory losses = new LossHistory(LossHistory.DEFAULT_KEEP);
    private final Checkpointer checkpointer;
    private final TrainerResume resume;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Throwable failure;
    private volatile boolean finished;
    private final MeterRegistry meterRegistry;
    private volatile TrainerMeters meters;

    // Guarded by lock: read by metrics() from other threads.
    private long steps;
    private float lastLoss = Float.NaN;
    private double gradientNorm = Double.NaN;
    private long pairsReceived;
    private long rejected;
    private long skippedSteps;
    private double stepsPerSecond;
    private CollapseStatistics latestCollapse;
    private double validationLoss = Double.NaN;

    public TrainerService(TrainerConfig config) {
        // Without a registry of its own the meters go to one that nobody scrapes.
        this(config, new SimpleMeterRegistry());
    }

    /** A trainer whose meters ({@link TrainerMeters}) are bound to {@code meterRegistry} from start to close. */
    public TrainerService(TrainerConfig config, MeterRegistry meterRegistry) {
        this.meterRegistry = java.util.Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.config = config;
        this.store = new CheckpointStore(config.checkpointDir(), config.keepCheckpoints());
        this.checkpointer = new Checkpointer(store, config, lock, this::announcedMetrics);
        this.resume = new TrainerResume(config, store, checkpointer);
    }

    /**
     * Refuses a checkpoint directory that this model config cannot resume, before a broker or any
     * service is started for nothing; {@link #start()} checks again when it restores the checkpoint.
     *
     * @throws IllegalStateException naming the checkpoint, each differing setting and the flags that resume it
     * @throws IOException when the newest checkpoint's config cannot be read
     */
    public static void requireResumable(Path checkpointDir, JepaConfig model) throws IOException {
        TrainerResume.requireResumable(new CheckpointStore(checkpointDir, 1), model);
    }

    @Override
    public String name() {
        return "trainer";
    }

    /** Starts the training thread; returns at once. */
    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("trainer already started");
        }
        meters = TrainerMeters.bind(this, meterRegistry);
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
            // One line for operators; the trace goes with the failure to whoever reports it (--verbose).
            log.error("trainer stopped: {}", t.getMessage());
            log.debug("trainer failure", t);
        } finally {
            finished = true;
            running.set(false);
        }
    }

    private void run() throws IOException {
        checkpointer.openDirectory();
        JepaTrainer trainer = resume.open();
        AutoCloseable clientMeters = null;
        try (KafkaConsumer<String, byte[]> kafkaIn = new KafkaConsumer<>(TrainerClients.consumer(config));
             KafkaProducer<String, byte[]> kafkaOut = new KafkaProducer<>(TrainerClients.producer(config))) {
            consumer = kafkaIn;
            clientMeters = meters.bindClients(kafkaIn, kafkaOut);
            CheckpointAnnouncer announcer = new CheckpointAnnouncer(kafkaOut, config.modelId(), config.clock());
            FramePairDecoder decoder = new FramePairDecoder(config.model());
            ReplayBuffer buffer = new ReplayBuffer(config.replayCapacity(), config.model().seed());
            MaskEqualizer equalizer = new MaskEqualizer(config.model(), config.model().seed());
            NonFiniteGuard guard = new NonFiniteGuard(config.nonFiniteLimit());
            CollapseWatch collapse = new CollapseWatch(config.collapseEverySteps());
            HeldOutValidation validation = config.validationFraction() > 0 ? new HeldOutValidation(config, store) : null;
            Map<TopicPartition, Long> positions = resume.offsets();
            synchronized (lock) {
                steps = trainer.steps();
            }
            checkpointer.begin(announcer, kafkaIn, positions);
            checkpointer.writeInitial(trainer.steps(), trainer::save);
            resume.subscribe(kafkaIn);
            Instant startedAt = config.clock().instant();
            checkpointer.scheduleFrom(startedAt);
            StepRate rate = new StepRate(trainer.steps(), startedAt);

            while (running.get() && !reachedMaxSteps(trainer)) {
                boolean canTrain = buffer.size() >= config.batchSize();
                for (ConsumerRecord<String, byte[]> record : kafkaIn.poll(canTrain ? Duration.ZERO : IDLE_POLL)) {
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    accept(record, decoder, buffer, validation);
                }
                if (buffer.size() < config.batchSize()) {
                    continue;
                }
                List<PairSample> batch = equalizer.equalize(buffer.sample(config.batchSize()));
                StepResult result = trainer.step(batch);
                NonFiniteGuard.Verdict verdict = guard.observe(result.loss());
                if (verdict != NonFiniteGuard.Verdict.CONTINUE) {
                    synchronized (lock) {
                        skippedSteps = guard.skipped();
                    }
                    log.warn("skipped a step with non-finite loss {} at step {}", result.loss(), result.step());
                    if (verdict == NonFiniteGuard.Verdict.RECOVER) {
                        trainer = resume.recover(trainer, guard);
                    }
                    continue;
                }
                Instant now = config.clock().instant();
                CollapseStatistics stats = collapse.maybeMeasure(result.step(), result.loss(), trainer, batch);
                synchronized (lock) {
                    steps = result.step();
                    lastLoss = result.loss();
                    gradientNorm = result.gradientNorm();
                    losses.add(result.loss());
                    stepsPerSecond = rate.update(steps, now, stepsPerSecond);
                    if (stats != null) {
                        latestCollapse = stats;
                    }
                }
                if (checkpointer.due(result.step(), now)) {
                    WrittenCheckpoint written = checkpointer.attempt(trainer.steps(), trainer::save, now);
                    if (written != null && validation != null && validated(validation, written)) {
                        break;
                    }
                }
            }
            if (trainer.steps() > checkpointer.lastStep()) {
                WrittenCheckpoint written = checkpointer.write(trainer.steps(), trainer::save);
                if (validation != null) {
                    validated(validation, written);
                }
            }
            kafkaOut.flush();
        } finally {
            consumer = null;
            closeQuietly(clientMeters);
            trainer.close();
        }
    }

    /** Validates a new checkpoint; true when early stopping says training is done. */
    private boolean validated(HeldOutValidation validation, WrittenCheckpoint written) throws IOException {
        boolean stop = validation.afterCheckpoint(written);
        synchronized (lock) {
            validationLoss = validation.lastLoss();
        }
        return stop;
    }

    private void accept(ConsumerRecord<String, byte[]> record, FramePairDecoder decoder, ReplayBuffer buffer,
            HeldOutValidation validation) {
        PairSample sample;
        try {
            sample = decoder.decode(record.value());
        } catch (RuntimeException e) {
            // The embedder, which answers every pair, dead-letters it: one record in, one dead letter out.
            log.warn("skipping {}-{}@{} (key {}), which cannot be decoded: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            synchronized (lock) {
                rejected++;
            }
            return;
        }
        if (validation != null && validation.claims(record.offset())) {
            validation.hold(sample);
        } else {
            buffer.add(record.key() == null ? "" : record.key(), sample);
        }
        synchronized (lock) {
            pairsReceived++;
        }
    }

    private boolean reachedMaxSteps(JepaTrainer trainer) {
        return config.maxSteps() > 0 && trainer.steps() >= config.maxSteps();
    }

    /** The training metrics a checkpoint announcement carries. */
    private Map<String, Double> announcedMetrics() {
        Map<String, Double> metrics = new HashMap<>();
        synchronized (lock) {
            if (!Float.isNaN(lastLoss)) {
                metrics.put("loss", (double) lastLoss);
            }
            metrics.put("pairsReceived", (double) pairsReceived);
            if (latestCollapse != null) {
                metrics.put("embeddingStd", latestCollapse.meanStd());
                metrics.put("effectiveRank", latestCollapse.centredEffectiveRank());
            }
        }
        return metrics;
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", resource, e.toString());
        }
    }

    /** When the newest checkpoint was written, by this run or (on resume) by an earlier one. */
    public Optional<Instant> lastCheckpointAt() {
        return checkpointer.newestAt();
    }

    /** How long ago, by the configured clock, the newest checkpoint was written; empty before the first. */
    public Optional<Duration> checkpointAge() {
        return lastCheckpointAt().map(at -> Duration.between(at, config.clock().instant()));
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
    @Override
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

    /** Up while the training loop runs; the detail names the step and loss, or why it stopped. */
    @Override
    public ServiceHealth health() {
        TrainerMetrics m = metrics();
        if (healthy()) {
            return ServiceHealth.up(String.format(Locale.ROOT, "training loop running: step %d, loss %.4f, %d checkpoint(s)",
                    m.steps(), m.lastLoss(), m.checkpoints()));
        }
        return failure()
                .map(t -> ServiceHealth.down("training loop failed: " + t.getMessage()))
                .orElseGet(() -> ServiceHealth.down("training loop not running (step " + m.steps() + ")"));
    }

    @Override
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Why the trainer stopped, when it stopped on an error. */
    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public TrainerMetrics metrics() {
        synchronized (lock) {
            // The checkpointer shares this lock, so its counters belong to the same snapshot.
            return new TrainerMetrics(steps, lastLoss, gradientNorm, pairsReceived, rejected, skippedSteps,
                    checkpointer.written(), checkpointer.lastStep(), stepsPerSecond,
                    latestCollapse == null ? Double.NaN : latestCollapse.meanStd(),
                    latestCollapse == null ? Double.NaN : latestCollapse.centredEffectiveRank(), validationLoss);
        }
    }

    /** Checkpoints that could not be written (full disk, unusable directory) and were retried later. */
    public long checkpointFailures() {
        return checkpointer.failures();
    }

    /** Why the newest failed checkpoint could not be written, naming the directory; empty when none failed. */
    public Optional<String> lastCheckpointError() {
        return checkpointer.lastError();
    }

    /** The losses of this run's first and latest steps, and how many steps it made. */
    public Losses losses() {
        synchronized (lock) {
            return losses.snapshot();
        }
    }

    public CheckpointStore checkpointStore() {
        return store;
    }
}
