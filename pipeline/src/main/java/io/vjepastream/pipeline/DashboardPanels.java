package io.vjepastream.pipeline;

import io.vjepastream.ingest.StreamStats;
import io.vjepastream.trainer.TrainerMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the dashboard of {@code vjepa local} shows of the trainer and of ingest, beside the embedder's streams. */
final class DashboardPanels {
    private DashboardPanels() {
    }

    /** The trainer's progress: steps, loss, gradient norm and the collapse statistics. */
    static Map<String, Object> trainer(TrainerMetrics m) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("steps", m.steps());
        rows.put("loss", (double) m.lastLoss());
        rows.put("gradient norm", m.gradientNorm());
        rows.put("steps/s", m.stepsPerSecond());
        rows.put("embedding std", m.embeddingStd());
        rows.put("effective rank", m.effectiveRank());
        rows.put("checkpoints", m.checkpoints());
        return rows;
    }

    /** Each stream's state, input frame rate, pairs sent and pairs dropped. */
    static Map<String, Object> ingest(Map<String, StreamStats> streams) {
        Map<String, Object> rows = new LinkedHashMap<>();
        streams.forEach((id, s) -> rows.put(id, String.format(Locale.ROOT, "%s, %.1f fps, %d sent, %d dropped",
                s.state(), s.fpsIn(), s.pairsSent(), s.pairsDropped())));
        return rows;
    }
}
