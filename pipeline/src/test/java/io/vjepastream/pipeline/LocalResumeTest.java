package io.vjepastream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.trainer.CheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline resumed on a new broker from an existing checkpoint directory serves the checkpoint it
 * resumed from at once: the new cluster has never heard of it, and the trainer's next checkpoint may be
 * far away.
 */
class LocalResumeTest {
    private static final JepaConfig MODEL = JepaConfig.builder()
            .imageSize(32).patchSize(8).encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();

    @TempDir
    Path checkpoints;

    @Test
    void servesTheResumedCheckpointBeforeTheNextOneIsWritten() throws Exception {
        CheckpointStore store = new CheckpointStore(checkpoints, 2);
        store.open();
        try (JepaTrainer trained = new JepaTrainer(MODEL)) {
            store.write(7, Map.of(), trained::save);
        }
        SourceSpec source = SourceSpec.parse("synthetic:?seconds=3&fps=10");
        // No checkpoint falls due by steps while the test runs.
        LocalPipeline.Settings settings = new LocalPipeline.Settings(List.of(source), null, 0, checkpoints,
                MODEL, 8, 1_000_000, 0);
        try (LocalPipeline pipeline = LocalPipeline.start(settings)) {
            assertTrue(pipeline.embedder().registry().awaitModel(Duration.ofMinutes(1)),
                    "a model is served without a new checkpoint");
            assertEquals("tiny-v7", pipeline.embedder().registry().currentVersion().orElseThrow());
            assertEquals(0, pipeline.trainer().metrics().checkpoints(), "served the resumed checkpoint, not a new one");
        }
    }
}
