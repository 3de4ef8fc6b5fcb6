package io.vjepastream.app.eval;

import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.embedder.AnomalyRule;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.eval.RecordingScore;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.Scoring;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.trainer.CheckpointChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa score}: a checkpoint over a recorded source, offline, as the embedder would score and flag it
 * live: one CSV row per pair ({@link RecordingScore#HEADER}) and a PNG plot of the energy over time beside it.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Score a recording offline with a checkpoint, as the embedder would live.",
            "One CSV row per frame pair (stream_id, sequence, pts_micros, energy, z_score,"
                + " anomalous, peak_patch_row, peak_patch_col) and a PNG plot of the energy, flags marked,"
                + " next to the CSV.",
            "Example: vjepa score --checkpoints checkpoints --checkpoint best --source clip.mp4 --out clip.csv"})
public final class ScoreCommand implements Callable<Integer>, SettingOptions.Declared {
    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoints", paramLabel = "DIR", required = true,
            description = "Checkpoint directory, as the trainer writes it.")
    private Path checkpoints;

    @Option(names = "--checkpoint", paramLabel = "WHICH", defaultValue = "newest",
            description = "Which checkpoint: newest (the newest that passes its manifest), best (marked by the"
                    + " trainer's validation) or a step number. Default: ${DEFAULT-VALUE}.")
    private String which;

    @Option(names = "--source", paramLabel = "URI", required = true,
            description = "A file, a network URI or synthetic:?..., optionally prefixed with ID=.")
    private String source;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "The CSV to write.")
    private Path out;

    @Option(names = "--sample-fps", paramLabel = "FPS", description = "Frames per second kept. Default: as ingest (10).")
    private double sampleFps = IngestConfig.defaults().sampleFps();

    @Option(names = "--stride", paramLabel = "FRAMES", description = "Sampled frames between a pair's frames. Default: as ingest (2).")
    private int stride = IngestConfig.defaults().strideFrames();

    /** Creates the command; picocli fills in its options. */
    public ScoreCommand() {
    }

    @Override
    public Integer call() throws Exception {
        Path checkpoint = CheckpointChoice.resolve(checkpoints, which, spec.commandLine().getErr());
        SourceSpec sourceSpec = SourceSpec.parse(source);
        Scoring scoring = new Scoring(SettingOptions.value(spec, EmbedderConfig.CONTEXT_ENCODER),
                SettingOptions.value(spec, EmbedderConfig.ENERGY_MEASURE), false);
        AnomalyRule rule = new AnomalyRule(SettingOptions.value(spec, EmbedderConfig.ZSCORE_WARMUP),
                SettingOptions.value(spec, EmbedderConfig.ANOMALY_THRESHOLD));
        RecordingScore.Result result = new RecordingScore(checkpoint, scoring, rule,
                SettingOptions.value(spec, EmbedderConfig.STATS_HALF_LIFE), sampleFps, stride)
                .write(sourceSpec, out.toAbsolutePath());
        spec.commandLine().getOut().printf(Locale.ROOT, "scored %d pairs of %s with %s: %s, %s%n", result.pairs(),
                sourceSpec.streamId(), checkpoint.getFileName(), result.csv(), result.plot());
        return 0;
    }

    /** The embedder's settings of how pairs are scored and flagged, so a recording is scored as live. */
    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(EmbedderConfig.SCORING.settings());
        all.addAll(List.of(EmbedderConfig.ANOMALY_THRESHOLD, EmbedderConfig.ZSCORE_WARMUP, EmbedderConfig.STATS_HALF_LIFE));
        return all;
    }
}
