package io.vjepastream.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.runtime.Service;
import io.vjepastream.runtime.http.ServiceHealth;
import io.vjepastream.trainer.loop.Step;
import io.vjepastream.trainer.loop.StepListener;
import io.vjepastream.trainer.loop.StopCondition;
import io.vjepastream.trainer.loop.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final TrainerConfig config;
    private final CheckpointStore store;
    private final AtomicBoolean running = new AtomicBoolean();
    private final TrainerProgress progress = new TrainerProgress();
    private final Checkpointer checkpointer;
    private final TrainerResume resume;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Throwable failure;
    private volatile boolean finished;
    private final MeterRegistry meterRegistry;
    private volatile TrainerMeters meters;

    public TrainerService(TrainerConfig config) {
        // Without a registry of its own the meters go to one that nobody scrapes.
        this(config, new SimpleMeterRegistry());
    }

    /** A trainer whose meters ({@link TrainerMeters}) are bound to {@code meterRegistry} from start to close. */
    public TrainerService(TrainerConfig config, MeterRegistry meterRegistry) {
        this.meterRegistry = java.util.Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.config = config;
        this.store = new CheckpointStore(config.checkpointDir(), config.keepCheckpoints(), config.clock());
        this.checkpointer = new Checkpointer(store, config, progress.lock(), progress::announced);
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
        TrainingLoop loop = null;
        AutoCloseable clientMeters = null;
        try (KafkaConsumer<String, byte[]> kafkaIn = new KafkaConsumer<>(TrainerClients.consumer(config));
             KafkaProducer<String, byte[]> kafkaOut = new KafkaProducer<>(TrainerClients.producer(config))) {
            consumer = kafkaIn;
            clientMeters = meters.bindClients(kafkaIn, kafkaOut);
            CheckpointAnnouncer announcer = new CheckpointAnnouncer(kafkaOut, config.modelId(), config.clock());
            HeldOutValidation validation = config.validationFraction() > 0 ? new HeldOutValidation(config, store) : null;
            Map<TopicPartition, Long> positions = resume.offsets();
            Instant startedAt = config.clock().instant();
            progress.begin(trainer.steps(), startedAt);
            checkpointer.begin(announcer, kafkaIn, positions);
            checkpointer.writeInitial(trainer.steps(), trainer::save);
            resume.subscribe(kafkaIn);
            checkpointer.scheduleFrom(startedAt);

            NonFiniteGuard guard = new NonFiniteGuard(config.nonFiniteLimit());
            CollapseWatch collapse = new CollapseWatch(config.collapseEverySteps());
            loop = new TrainingLoop(trainer, config.clock())
                    .stopWhen(StopCondition.unless(running::get))
                    .recoverWith(diverged -> resume.recover(diverged, guard))
                    .listen(step -> skipNonFinite(guard, step))
                    .listen(step -> {
                        progress.stepped(step.result(), step.at(),
                                collapse.maybeMeasure(step.result().step(), step.result().loss(), step.trainer(), step.batch()));
                        return StepListener.Action.CONTINUE;
                    })
                    .listen(new CheckpointSteps(checkpointer, validation, progress));
            if (config.maxSteps() > 0) {
                loop.stopWhen(StopCondition.atTrainerStep(config.maxSteps()));
            }
            loop.run(new KafkaBatches(kafkaIn, positions, config, validation, progress));
            kafkaOut.flush();
        } finally {
            consumer = null;
            closeQuietly(clientMeters);
            (loop == null ? trainer : loop.trainer()).close();
        }
    }

    /** Skips a step whose loss is not finite, and asks for a recovery once the guard says so. */
    private StepListener.Action skipNonFinite(NonFiniteGuard guard, Step step) {
        NonFiniteGuard.Verdict verdict = guard.observe(step.result().loss());
        if (verdict == NonFiniteGuard.Verdict.CONTINUE) {
            return StepListener.Action.CONTINUE;
        }
        progress.skipped(guard.skipped());
        log.warn("skipped a step with non-finite loss {} at step {}", step.result().loss(), step.result().step());
        return verdict == NonFiniteGuard.Verdict.RECOVER ? StepListener.Action.RECOVER : StepListener.Action.SKIP;
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

    /** The trainer's counters now, in one snapshot. */
    public TrainerMetrics metrics() {
        return progress.snapshot(checkpointer);
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
        return progress.losses();
    }

    public CheckpointStore checkpointStore() {
        return store;
    }
}
