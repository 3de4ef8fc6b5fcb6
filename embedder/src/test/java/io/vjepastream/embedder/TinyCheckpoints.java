package io.vjepastream.embedder;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Writes real checkpoints of a very small model, so the embedder's tests run the actual network. */
final class TinyCheckpoints {
    /** The model id on the test checkpoint events. */
    static final String MODEL_ID = "tiny";
    /** Frame side of the test model: 32 x 32 pixels, a 4 x 4 grid of 8-pixel patches. */
    static final int IMAGE_SIZE = 32;

    static final JepaConfig CONFIG = JepaConfig.builder()
            .imageSize(IMAGE_SIZE)
            .patchSize(8)
            .encoderWidth(32)
            .encoderDepth(1)
            .encoderHeads(2)
            .predictorWidth(16)
            .predictorDepth(1)
            .predictorHeads(2)
            .build();

    private TinyCheckpoints() {
    }

    /**
     * Trains a fresh model for {@code steps} steps on {@code sample} repeated and saves it into the new
     * directory {@code dir}.
     */
    static Path write(Path dir, int steps, PairSample sample) throws IOException {
        return write(dir, CONFIG, steps, sample);
    }

    /** Trains a fresh model of {@code config} for {@code steps} steps on {@code sample} and saves it into {@code dir}. */
    static Path write(Path dir, JepaConfig config, int steps, PairSample sample) throws IOException {
        Files.createDirectories(dir);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < steps; i++) {
                trainer.step(Collections.nCopies(2, sample));
            }
            trainer.save(dir);
        }
        CheckpointManifest.write(dir);
        return dir;
    }

    /** A model saved untrained into {@code dir}. */
    static Path write(Path dir) throws IOException {
        byte[] grey = TestPairs.solid(IMAGE_SIZE, 128, 128, 128);
        return write(dir, 0, new PairSample(List.of(grey, grey), List.of(grey)));
    }

    private static String digestOf(Path dir) {
        try {
            return Files.exists(dir.resolve(CheckpointManifest.FILE_NAME)) ? CheckpointManifest.digestOf(dir) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The announcement of the checkpoint in {@code dir} as version {@code version} of {@link #MODEL_ID}. */
    static CheckpointEvent event(long version, Path dir) {
        return CheckpointEvent.newBuilder()
                .setSha256(digestOf(dir))
                .setModelId(MODEL_ID)
                .setVersion(version)
                .setStep(version * 10)
                .setUri(dir.toUri().toString())
                .setCreatedAtMillis(1_700_000_000_000L + version)
                .setMetrics(Map.of())
                .setOffsets(Map.of())
                .build();
    }
}
