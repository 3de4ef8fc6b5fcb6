package io.vjepastream.app.eval;

import io.vjepastream.app.cli.ScoringOptions;
import io.vjepastream.eval.OfflinePairs;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import io.vjepastream.trainer.CheckpointStore;
import io.vjepastream.eval.plot.EnergyPlot;
import java.awt.Color;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa score}: the newest checkpoint over a recorded source, offline, one CSV row per pair
 * ({@code stream_id,sequence,pts_micros,energy}) and a PNG plot of the energy over time beside it.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a recording offline with the newest checkpoint.",
            "One CSV row per frame pair (stream_id,sequence,pts_micros,energy) and a PNG plot of the",
            "energy next to the CSV."})
public final class ScoreCommand implements Callable<Integer> {
    private static final int BATCH = 32;

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

    @Mixin
    private ScoringOptions scoring = new ScoringOptions();

    /** Creates the command; picocli fills in its options. */
    public ScoreCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Path checkpoint = CheckpointStore.latestVerifiedIn(checkpoints, spec.commandLine().getErr());
        SourceSpec sourceSpec = SourceSpec.parse(source);
        Path csv = out.toAbsolutePath();
        Files.createDirectories(csv.getParent());
        List<Double> seconds = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        try (JepaInference model = JepaInference.load(checkpoint).contextEncoder(scoring.contextEncoder())
                .energyMeasure(scoring.energyMeasure())) {
            JepaConfig config = model.config();
            if (config.targetFrames() != 1) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " predicts " + config.targetFrames()
                        + " target frames; offline pairs have 1");
            }
            try (OfflinePairs pairs = new OfflinePairs(sourceSpec, config, sampleFps, stride);
                 BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writer.write("stream_id,sequence,pts_micros,energy\n");
                List<OfflinePairs.Item> batch = new ArrayList<>(BATCH);
                for (OfflinePairs.Item item = pairs.next(); item != null; item = pairs.next()) {
                    batch.add(item);
                    if (batch.size() == BATCH) {
                        flush(model, batch, writer, seconds, energies);
                    }
                }
                flush(model, batch, writer, seconds, energies);
            }
        }
        Path png = plotPath(csv);
        EnergyPlot.write(png, "energy of " + sourceSpec.streamId() + " (" + checkpoint.getFileName() + ")", "seconds",
                seconds.stream().mapToDouble(Double::doubleValue).toArray(),
                List.of(new EnergyPlot.Series("energy", new Color(20, 80, 200),
                        energies.stream().mapToDouble(Double::doubleValue).toArray())),
                List.of());
        console.printf(Locale.ROOT, "scored %d pairs of %s with %s: %s, %s%n", energies.size(), sourceSpec.streamId(),
                checkpoint.getFileName(), csv, png);
        return 0;
    }

    private static void flush(JepaInference model, List<OfflinePairs.Item> batch, BufferedWriter writer,
                              List<Double> seconds, List<Double> energies) throws java.io.IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<PairSample> samples = batch.stream().map(OfflinePairs.Item::sample).toList();
        List<Scored> scores = model.score(samples);
        for (int i = 0; i < batch.size(); i++) {
            OfflinePairs.Item item = batch.get(i);
            double energy = scores.get(i).energy();
            writer.write(String.format(Locale.ROOT, "%s,%d,%d,%.6f%n", csvField(item.record().getStreamId()),
                    item.record().getSequence(), item.targetPtsMicros(), energy));
            seconds.add(item.targetPtsMicros() / 1e6);
            energies.add(energy);
        }
        batch.clear();
    }

    /** The PNG beside the CSV: {@code a/b.csv} gives {@code a/b.png}. */
    static Path plotPath(Path csv) {
        String name = csv.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(base + ".png");
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
