package io.vjepastream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.pipeline.LocalPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping pipeline lets the embedder answer what ingest already sent before the temporary broker
 * and its data go, within a bounded grace, and says how many pairs it left.
 */
class LocalDrainTest {
    private static final JepaConfig MODEL = JepaConfig.builder()
            .imageSize(32).patchSize(8).encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();

    @TempDir
    Path dir;

    @Test
    void everyPairSentIsAnsweredBeforeTheBrokerGoes() throws Exception {
        SourceSpec clip = SourceSpec.parse("synthetic:?seconds=6&fps=10");
        LocalPipeline.Settings settings = new LocalPipeline.Settings(List.of(clip), null, 0, dir.resolve("c"), MODEL,
                8, 5, 0);
        LocalPipeline pipeline = LocalPipeline.start(settings);
        long sent;
        try (pipeline) {
            assertTrue(pipeline.embedder().registry().awaitModel(Duration.ofMinutes(1)), "a model serves");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (pipeline.ingest().metrics().values().stream().noneMatch(s -> s.state().terminal())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sent = pipeline.pairsSent();
            assertTrue(sent > 40, "the clip was sent: " + sent);
        }
        assertEquals(0, pipeline.unansweredAtStop());
        assertEquals(sent, pipeline.pairsAnswered(), "stopped right after the last pair was sent, none was dropped");
    }

    @Test
    void aFloodTheEmbedderCannotCatchUpWithIsCountedInTheSummary() {
        long started = System.nanoTime();
        // An endless synthetic source that is not paced sends far more pairs than a small CPU scores.
        CliRun run = CliRun.vjepa("local", "--source", "synthetic:?seconds=0&fps=10", "--realtime=false", "--duration", "5s",
                "--kafka-port", "0", "--http-port", "-1", "--checkpoints", dir.resolve("flood").toString(),
                "--model", "image_size=32", "--model", "latent_dim=32", "--model", "depth=1", "--model", "heads=2",
                "--model", "pred_width=16", "--model", "pred_depth=1", "--model", "pred_heads=2");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Matcher left = Pattern.compile("; (\\d+) sent but not answered within the 10 s grace at stop").matcher(run.out());
        assertTrue(left.find(), run.out());
        assertTrue(Long.parseLong(left.group(1)) > 0, run.out());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(90).toNanos(), "the grace is bounded");
    }
}
