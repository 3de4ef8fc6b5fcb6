package io.vjepastream.pipeline;

import io.vjepastream.embedder.MetricsSnapshot;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.schemas.Topics;
import io.vjepastream.trainer.Losses;
import io.vjepastream.trainer.TrainerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders what a running {@link LocalPipeline} is doing as one progress line, and a closing summary. */
public final class ProgressReport {
    private static final int LOSS_WINDOW = 10;
    private final LocalPipeline pipeline;
    private final long startNanos = System.nanoTime();

    public ProgressReport(LocalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** For example {@code [  35s] ingest 240 pairs | train step 42 loss 0.5123 (1.8/s), 1 ckpt | embed 180 out, model tiny-v25}. */
    public String line() {
        TrainerMetrics t = pipeline.trainer().metrics();
        MetricsSnapshot e = pipeline.embedder().metrics();
        return String.format(Locale.ROOT,
                "[%5s] ingest %d pairs (%d frames) | train step %d loss %s (%.2f steps/s), %d checkpoint(s) "
                        + "| embed %d energies out, model %s, %d dead-lettered",
                format(elapsed()), pairsSent(), framesDecoded(), t.steps(), loss(t.lastLoss()), t.stepsPerSecond(),
                t.checkpoints(), e.pairsScored(), e.modelVersion(), e.pairsDeadLettered());
    }

    /** Several lines: what each service did over the whole run. */
    public String summary() {
        TrainerMetrics t = pipeline.trainer().metrics();
        MetricsSnapshot e = pipeline.embedder().metrics();
        Losses losses = pipeline.trainer().losses();
        String perStream = pipeline.ingest().metrics().values().stream()
                .map(s -> s.streamId() + " " + s.pairsSent() + " (" + s.state()
                        + (s.state() == StreamState.FAILED ? ": " + s.lastError() : "") + ")")
                .collect(Collectors.joining(", "));
        int window = (int) Math.max(1, Math.min(LOSS_WINDOW, losses.steps() / 2));
        String lossTrend = losses.steps() == 0 ? "no steps yet"
                : String.format(Locale.ROOT, "loss %s (mean of the first %d steps) -> %s (last %d)",
                        loss(losses.meanOfFirst(window)), window, loss(losses.meanOfLast(window)), window);
        List<String> lines = new ArrayList<>(List.of(
                "summary after " + format(elapsed()) + ":",
                String.format(Locale.ROOT, "  ingest    %d pairs from %d frames: %s", pairsSent(), framesDecoded(),
                        perStream),
                String.format(Locale.ROOT, "  trainer   %d steps, %s, %d checkpoint(s) in %s", t.steps(), lossTrend,
                        t.checkpoints(), pipeline.settings().checkpointDir().toAbsolutePath().normalize()),
                String.format(Locale.ROOT, "  embedder  %d pairs answered on %s and %s by model %s; %d anomalous, "
                                + "%d dead-lettered%s", e.pairsScored(), Topics.LATENTS, Topics.ANOMALY_ENERGY,
                        e.modelVersion(), e.anomalies(), e.pairsDeadLettered(), unanswered())));
        lines.addAll(PlantedAnomalies.lines(pipeline.settings().sources(), pipeline.ingestConfig(),
                pipeline.embedder().answers().since(0)));
        return String.join(System.lineSeparator(), lines);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private long pairsSent() {
        return pipeline.pairsSent();
    }

    private String unanswered() {
        long left = pipeline.unansweredAtStop();
        return left == 0 ? "" : String.format(Locale.ROOT, "; %d sent but not answered within the %d s grace at stop",
                left, LocalPipeline.DRAIN_GRACE.toSeconds());
    }

    private long framesDecoded() {
        return streams().values().stream().mapToLong(StreamStats::framesDecoded).sum();
    }

    private Map<String, StreamStats> streams() {
        return pipeline.ingest().metrics();
    }

    private static String loss(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A duration as people read it: {@code 45s}, {@code 2m05s}, {@code 1h02m}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
