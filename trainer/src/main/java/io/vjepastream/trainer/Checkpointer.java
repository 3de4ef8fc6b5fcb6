package io.vjepastream.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the trainer writes a checkpoint, writes it through the {@link CheckpointStore}, announces it
 * and commits the consumed offsets with it. A checkpoint is due every {@link TrainerConfig#checkpointEverySteps()}
 * steps or {@link TrainerConfig#checkpointEvery()} after the previous attempt. A write the directory refuses
 * (full disk, unusable path) is counted and retried {@link #RETRY} later, or sooner when the next checkpoint
 * is due anyway: the weights are still in memory, so training need not stop for the disk.
 *
 * <p>The schedule and the write methods are for the training thread only. The counters are guarded by the
 * service's lock, handed in, so that {@link TrainerService#metrics()} reads them in the same snapshot as the
 * step count.
 */
final class Checkpointer {
    // Logs as the trainer service: operators filter and alert on that logger name.
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    /** Wait after a checkpoint that could not be written before the next attempt. */
    static final Duration RETRY = Duration.ofSeconds(2);

    private final CheckpointStore store;
    private final int everySteps;
    private final Duration every;
    private final Clock clock;
    private final Object lock;
    private final Supplier<Map<String, Double>> progress;
    private volatile Instant newestAt;

    // Guarded by lock.
    private long written;
    private long failures;
    private String lastError;
    private long lastStep = -1;
    private WrittenCheckpoint resumed;

    // The current run's, on the training thread only; begin() sets them.
    private CheckpointAnnouncer announcer;
    private Consumer<?, ?> consumer;
    private Map<TopicPartition, Long> positions;
    private Instant lastAttemptAt;
    private Instant retryAt;

    /**
     * @param lock the service's lock, which guards the counters
     * @param progress the training metrics each announcement carries, read once the checkpoint is on disk
     */
    Checkpointer(CheckpointStore store, TrainerConfig config, Object lock, Supplier<Map<String, Double>> progress) {
        this.store = store;
        this.everySteps = config.checkpointEverySteps();
        this.every = config.checkpointEvery();
        this.clock = config.clock();
        this.lock = lock;
        this.progress = progress;
    }

    /** Prepares the directory; a failure is logged, not thrown, because training does not need it yet. */
    void openDirectory() {
        try {
            store.open();
        } catch (IOException e) {
            // Each checkpoint tries again and says why it fails.
            log.error("checkpoint directory {} is not usable: {}; training goes on and checkpoints are retried",
                    store.root(), describe(e));
        }
    }

    /**
     * Records the checkpoint a run resumed from, so that the same step is not written again and the
     * embedder can be told about it at start.
     */
    void resumedFrom(WrittenCheckpoint checkpoint, Instant writtenAt) {
        synchronized (lock) {
            resumed = checkpoint;
            lastStep = checkpoint.step();
            newestAt = writtenAt;
        }
    }

    /**
     * Starts a run of the training loop: its checkpoints are announced by {@code announcer} and commit
     * {@code positions} (the next offsets to read, updated by the loop) on {@code consumer}.
     */
    void begin(CheckpointAnnouncer announcer, Consumer<?, ?> consumer, Map<TopicPartition, Long> positions) {
        this.announcer = announcer;
        this.consumer = consumer;
        this.positions = positions;
        this.retryAt = null;
    }

    /**
     * Publishes the starting weights, so that the embedder can serve at once: a checkpoint of them when
     * none exists yet, or else an announcement of the one resumed from (a new cluster has never heard of
     * it; an embedder already serving it ignores an announcement that is not newer).
     */
    void writeInitial(long step, CheckpointStore.ModelWriter model) {
        if (resumed != null) {
            announcer.announce(resumed, progress.get());
            log.info("announced checkpoint step {} resumed from {}", resumed.step(), resumed.directory());
        } else if (lastStep() < 0 && tryWrite(step, model) == null) {
            retryAt = clock.instant().plus(RETRY);
        }
    }

    /** Counts the time to the first time-based checkpoint from {@code now}. */
    void scheduleFrom(Instant now) {
        lastAttemptAt = now;
    }

    /** Whether a checkpoint is due after training step {@code step} at {@code now}. */
    boolean due(long step, Instant now) {
        boolean dueBySteps = step % everySteps == 0;
        boolean dueByTime = Duration.between(lastAttemptAt, now).compareTo(every) >= 0;
        boolean retryDue = retryAt != null && !now.isBefore(retryAt);
        return dueBySteps || dueByTime || retryDue;
    }

    /** Writes a due checkpoint at {@code now}; null when the directory refused it and a retry is scheduled. */
    WrittenCheckpoint attempt(long step, CheckpointStore.ModelWriter model, Instant now) {
        WrittenCheckpoint checkpoint = tryWrite(step, model);
        attempted(now, checkpoint != null);
        return checkpoint;
    }

    /** Moves the schedule on after an attempt at {@code now}. */
    void attempted(Instant now, boolean succeeded) {
        lastAttemptAt = now;
        retryAt = succeeded ? null : now.plus(RETRY);
    }

    /**
     * Writes a checkpoint, or logs why the checkpoint directory refused it and returns null: a full or
     * unwritable disk must not stop training, whose weights are still in memory for the next attempt.
     */
    private WrittenCheckpoint tryWrite(long step, CheckpointStore.ModelWriter model) {
        try {
            return write(step, model);
        } catch (IOException e) {
            String error = "checkpoint of step " + step + " could not be written to " + store.root() + ": "
                    + describe(e);
            long failed;
            synchronized (lock) {
                failed = ++failures;
                lastError = error;
            }
            log.error("{}; training goes on and retries in {} s ({} failed so far)", error, RETRY.toSeconds(), failed);
            return null;
        }
    }

    /** Writes, announces and commits a checkpoint of {@code step}; throws when the directory refuses it. */
    WrittenCheckpoint write(long step, CheckpointStore.ModelWriter model) throws IOException {
        Map<String, Long> offsets = new TreeMap<>();
        positions.forEach((tp, offset) -> offsets.put(tp.topic() + "-" + tp.partition(), offset));
        Instant writtenAt = clock.instant();
        WrittenCheckpoint checkpoint = store.write(step, offsets, model, writtenAt);
        announcer.announce(checkpoint, progress.get());
        // Committed only once the checkpoint is on disk and announced: a restart never skips unsaved data.
        if (!positions.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            positions.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commit);
        }
        synchronized (lock) {
            written++;
            lastStep = checkpoint.step();
            newestAt = writtenAt;
        }
        log.info("checkpoint step {} written to {} and announced", checkpoint.step(), checkpoint.directory());
        return checkpoint;
    }

    /** What went wrong with the checkpoint directory, in words: the exception alone often names only a path. */
    private String describe(IOException e) {
        Path root = store.root();
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            return reason + " (the path is a file, not a directory)";
        }
        return reason;
    }

    /** Checkpoints written by this service. */
    long written() {
        synchronized (lock) {
            return written;
        }
    }

    /** Step of the newest checkpoint, written or resumed from; -1 when none. */
    long lastStep() {
        synchronized (lock) {
            return lastStep;
        }
    }

    long failures() {
        synchronized (lock) {
            return failures;
        }
    }

    Optional<String> lastError() {
        synchronized (lock) {
            return Optional.ofNullable(lastError);
        }
    }

    /** When the newest checkpoint was written, by this service or (on resume) by an earlier one. */
    Optional<Instant> newestAt() {
        return Optional.ofNullable(newestAt);
    }
}
