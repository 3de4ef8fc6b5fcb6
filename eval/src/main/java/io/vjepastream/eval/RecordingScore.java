package io.vjepastream.eval;

import io.vjepastream.eval.plot.EnergyPlot;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import io.vjepastream.model.Scoring;
import java.awt.Color;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recording scored offline by one checkpoint, as the embedder would score it live: one CSV row per pair
 * ({@code stream_id,sequence,pts_micros,energy}) and a PNG plot of the energy over time beside the CSV.
 */
public final class RecordingScore {
    private static final int BATCH = 32;

    private final Path checkpoint;
    private final Scoring scoring;
    private final double sampleFps;
    private final int stride;

    /** What was written: the pairs scored, the CSV and the plot. */
    public record Result(int pairs, Path csv, Path plot) {
    }

    /**
     * Scores with {@code checkpoint}, reading pairs as ingest cuts them.
     *
     * @param scoring how pairs are scored; the embedder's {@code EmbedderConfig.scoring()} scores as live
     * @param sampleFps frames per second kept
     * @param stride sampled frames between a pair's frames
     */
    public RecordingScore(Path checkpoint, Scoring scoring, double sampleFps, int stride) {
        this.checkpoint = checkpoint;
        this.scoring = scoring.withTokens(false);
        this.sampleFps = sampleFps;
        this.stride = stride;
    }

    /**
     * Scores every pair of {@code source} into {@code csv} and plots the energy beside it.
     *
     * @throws IllegalArgumentException when the checkpoint predicts more than the one target frame offline pairs have
     */
    public Result write(SourceSpec source, Path csv) throws IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        List<Double> seconds = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        try (JepaInference model = JepaInference.load(checkpoint)) {
            JepaConfig config = model.config();
            if (config.targetFrames() != 1) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " predicts " + config.targetFrames()
                        + " target frames; offline pairs have 1");
            }
            try (OfflinePairs pairs = new OfflinePairs(source, config, sampleFps, stride);
                 BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writer.write("stream_id,sequence,pts_micros,energy\n");
                List<OfflinePairs.Item> batch = new ArrayList<>(BATCH);
                for (OfflinePairs.Item item = pairs.next(); item != null; item = pairs.next()) {
                    batch.add(item);
                    if (batch.size() == BATCH) {
                        flush(model, scoring, batch, writer, seconds, energies);
                    }
                }
                flush(model, scoring, batch, writer, seconds, energies);
            }
        }
        Path png = plotPath(csv);
        EnergyPlot.write(png, "energy of " + source.streamId() + " (" + checkpoint.getFileName() + ")", "seconds",
                seconds.stream().mapToDouble(Double::doubleValue).toArray(),
                List.of(new EnergyPlot.Series("energy", new Color(20, 80, 200),
                        energies.stream().mapToDouble(Double::doubleValue).toArray())),
                List.of());
        return new Result(energies.size(), csv, png);
    }

    private static void flush(JepaInference model, Scoring scoring, List<OfflinePairs.Item> batch, BufferedWriter writer,
                              List<Double> seconds, List<Double> energies) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<PairSample> samples = batch.stream().map(OfflinePairs.Item::sample).toList();
        List<Scored> scores = model.score(samples, scoring);
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
    private static Path plotPath(Path csv) {
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
