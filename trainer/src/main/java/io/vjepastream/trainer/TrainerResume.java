package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the trainer's weights come from: on start the newest complete checkpoint and the offsets it
 * recorded (fresh weights when there is none), and after training diverged the newest complete checkpoint
 * again. The consumer is sought to the recorded offsets rather than the group's committed ones, so that
 * the weights and the data they have seen stay in step across restarts. Used on the training thread only.
 */
final class TrainerResume {
    // Logs as the trainer service: operators filter and alert on that logger name.
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);

    private final TrainerConfig config;
    private final CheckpointStore store;
    private final Checkpointer checkpointer;
    private final Map<TopicPartition, Long> offsets = new HashMap<>();

    TrainerResume(TrainerConfig config, CheckpointStore store, Checkpointer checkpointer) {
        this.config = config;
        this.store = store;
        this.checkpointer = checkpointer;
    }

    /**
     * Restores the newest complete checkpoint, or creates fresh weights when there is none.
     *
     * @throws IllegalStateException when the checkpoint was trained with another model config
     */
    JepaTrainer open() throws IOException {
        Optional<Path> newest = store.latestVerified();
        if (newest.isEmpty()) {
            log.info("no checkpoint in {}; starting from fresh weights", store.root());
            return new JepaTrainer(config.model());
        }
        requireSameModel(newest.get(), JepaTrainer.savedConfig(newest.get()), config.model());
        JepaTrainer restored = JepaTrainer.restore(newest.get());
        // The store stamps each checkpoint directory with the writing trainer's clock.
        WrittenCheckpoint checkpoint = store.read(newest.get());
        checkpointer.resumedFrom(checkpoint, Files.getLastModifiedTime(newest.get()).toInstant());
        checkpoint.offsets().forEach((key, offset) -> offsets.put(ResumeAtCheckpoint.partitionOf(key), offset));
        log.info("resuming from checkpoint {} at step {}", newest.get(), restored.steps());
        return restored;
    }

    /**
     * Refuses a checkpoint directory whose newest complete checkpoint was trained with another model
     * config, reading only its config: cheap enough to run before anything else starts.
     *
     * @throws IllegalStateException naming each differing setting and the flags that would resume it
     */
    static void requireResumable(CheckpointStore store, JepaConfig model) throws IOException {
        Optional<Path> newest = store.latestVerified();
        if (newest.isPresent()) {
            requireSameModel(newest.get(), JepaTrainer.savedConfig(newest.get()), model);
        }
    }

    private static void requireSameModel(Path checkpoint, JepaConfig saved, JepaConfig model) {
        if (!saved.equals(model)) {
            throw new IllegalStateException(mismatch(checkpoint, saved, model));
        }
    }

    /** Names each differing setting and the flags that would resume the checkpoint as it was trained. */
    private static String mismatch(Path checkpoint, JepaConfig saved, JepaConfig model) {
        StringJoiner differences = new StringJoiner("; ");
        StringJoiner flags = new StringJoiner(" ");
        for (String[] d : saved.differences(model)) {
            differences.add(d[0] + " is " + d[1] + " there and " + d[2] + " here");
            flags.add("--model " + d[0] + "=" + d[1]);
        }
        return "checkpoint " + checkpoint + " was trained with a different model config (" + differences
                + "); point --checkpoints at another directory, or resume it with " + flags;
    }

    /**
     * Goes back to the newest complete checkpoint (fresh weights when there is none) with a lower learning
     * rate after training diverged; {@code diverged} is closed.
     */
    JepaTrainer recover(JepaTrainer diverged, NonFiniteGuard guard) throws IOException {
        Optional<Path> last = store.latestVerified();
        diverged.close();
        JepaTrainer restored = last.isPresent() ? JepaTrainer.restore(last.get()) : new JepaTrainer(config.model());
        restored.scaleLearningRate(guard.factorAfterRestore(restored.learningRateScale()));
        log.warn("training diverged ({} non-finite losses in a row): reloaded {} and lowered the learning rate "
                        + "(recovery {}, learning rate now {})", config.nonFiniteLimit(),
                last.map(Path::toString).orElse("fresh weights"), guard.recoveries(), restored.learningRate());
        return restored;
    }

    /** The next offset to read per partition, as the restored checkpoint recorded it. */
    Map<TopicPartition, Long> offsets() {
        return new HashMap<>(offsets);
    }

    /** Subscribes to the frame pairs, starting each partition at the restored checkpoint's offset. */
    void subscribe(Consumer<?, ?> consumer) {
        consumer.subscribe(List.of(Topics.FRAME_PAIRS), new ResumeAtCheckpoint(consumer, offsets));
    }
}
