package io.vjepastream.app.eval;

import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.eval.RecordingScore;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.Scoring;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.trainer.CheckpointStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa score}: the newest checkpoint over a recorded source, offline, one CSV row per pair
 * ({@code stream_id,sequence,pts_micros,energy}) and a PNG plot of the energy over time beside it.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Score a recording offline with the newest checkpoint.",
            "One CSV row per frame pair (stream_id,sequence,pts_micros,energy) and a PNG plot of the",
            "energy next to the CSV."})
public final class ScoreCommand implements Callable<Integer>, SettingOptions.Declared {
    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoints", paramLabel = "DIR", required = true,
            description = "Checkpoint directory; the newest checkpoint that passes its manifest is used.")
    private Path checkpoints;

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
        Path checkpoint = CheckpointStore.latestVerifiedIn(checkpoints, spec.commandLine().getErr());
        SourceSpec sourceSpec = SourceSpec.parse(source);
        Scoring scoring = new Scoring(SettingOptions.value(spec, EmbedderConfig.CONTEXT_ENCODER),
                SettingOptions.value(spec, EmbedderConfig.ENERGY_MEASURE), false);
        RecordingScore.Result result = new RecordingScore(checkpoint, scoring, sampleFps, stride)
                .write(sourceSpec, out.toAbsolutePath());
        spec.commandLine().getOut().printf(Locale.ROOT, "scored %d pairs of %s with %s: %s, %s%n", result.pairs(),
                sourceSpec.streamId(), checkpoint.getFileName(), result.csv(), result.plot());
        return 0;
    }

    @Override
    public List<Setting<?>> settings() {
        return EmbedderConfig.SCORING.settings();
    }
}
