package io.vjepastream.eval;

import io.vjepastream.embedder.AnomalyRule;
import io.vjepastream.embedder.EnergyStatistics;
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
 * A recording scored offline by one checkpoint, as the embedder would score and flag it live: one CSV row per
 * pair ({@value #HEADER}: the energy, its z-score against the stream's running statistics, the embedder's
 * flag, and the grid position of the pair's highest patch energy) and a PNG plot of the energy over time,
 * flags marked, beside the CSV.
 */
public final class RecordingScore {
    /** The CSV's header. */
    public static final String HEADER = "stream_id,sequence,pts_micros,energy,z_score,anomalous,peak_patch_row,peak_patch_col";
    private static final int BATCH = 32;

    private final Path checkpoint;
    private final Scoring scoring;
    private final AnomalyRule rule;
    private final double halfLife;
    private final double sampleFps;
    private final int stride;

    /** What was written: the pairs scored, the CSV and the plot. */
    public record Result(int pairs, Path csv, Path plot) {
    }

    /**
     * Scores with {@code checkpoint}, reading pairs as ingest cuts them.
     *
     * @param scoring how pairs are scored; the embedder's {@code EmbedderConfig.scoring()} scores as live
     * @param rule when a pair is flagged, as the embedder flags
     * @param halfLife the half-life, in pairs, of the running energy statistics the z-score is taken against
     * @param sampleFps frames per second kept
     * @param stride sampled frames between a pair's frames
     */
    public RecordingScore(Path checkpoint, Scoring scoring, AnomalyRule rule, double halfLife, double sampleFps,
                          int stride) {
        this.checkpoint = checkpoint;
        this.scoring = scoring.withTokens(false);
        this.rule = rule;
        this.halfLife = halfLife;
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
        Rows rows = new Rows(EnergyStatistics.empty(halfLife));
        try (JepaInference model = JepaInference.load(checkpoint)) {
            JepaConfig config = model.config();
            if (config.targetFrames() != 1) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " predicts " + config.targetFrames()
                        + " target frames; offline pairs have 1");
            }
            try (OfflinePairs pairs = new OfflinePairs(source, config, sampleFps, stride);
                 BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writer.write(HEADER + "\n");
                List<OfflinePairs.Item> batch = new ArrayList<>(BATCH);
                for (OfflinePairs.Item item = pairs.next(); item != null; item = pairs.next()) {
                    batch.add(item);
                    if (batch.size() == BATCH) {
                        flush(model, batch, writer, rows);
                    }
                }
                flush(model, batch, writer, rows);
            }
        }
        Path png = plotPath(csv);
        List<EnergyPlot.Marker> flags = rows.flaggedSeconds.stream()
                .map(x -> new EnergyPlot.Marker(x, "anomaly flag", new Color(220, 40, 40))).toList();
        EnergyPlot.write(png, "energy of " + source.streamId() + " (" + checkpoint.getFileName() + ")", "seconds",
                rows.seconds.stream().mapToDouble(Double::doubleValue).toArray(),
                List.of(new EnergyPlot.Series("energy", new Color(20, 80, 200),
                        rows.energies.stream().mapToDouble(Double::doubleValue).toArray())),
                flags);
        return new Result(rows.energies.size(), csv, png);
    }

    /** What the plot needs of the rows written, and the stream's running statistics. */
    private record Rows(EnergyStatistics statistics, List<Double> seconds, List<Double> energies,
                        List<Double> flaggedSeconds) {
        Rows(EnergyStatistics statistics) {
            this(statistics, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private void flush(JepaInference model, List<OfflinePairs.Item> batch, BufferedWriter writer, Rows rows)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<PairSample> samples = batch.stream().map(OfflinePairs.Item::sample).toList();
        List<Scored> scores = model.score(samples, scoring);
        int grid = model.config().gridSize();
        for (int i = 0; i < batch.size(); i++) {
            OfflinePairs.Item item = batch.get(i);
            Scored scored = scores.get(i);
            double energy = scored.energy();
            AnomalyRule.Judgement judged = rule.judge(rows.statistics(), energy);
            double z = judged.zScore();
            boolean flagged = judged.anomalous();
            int peak = peak(scored.patchEnergy());
            double at = item.targetPtsMicros() / 1e6;
            writer.write(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.4f,%b,%d,%d%n",
                    csvField(item.record().getStreamId()), item.record().getSequence(), item.targetPtsMicros(), energy,
                    z, flagged, peak / grid, peak % grid));
            rows.seconds().add(at);
            rows.energies().add(energy);
            if (flagged) {
                rows.flaggedSeconds().add(at);
            }
        }
        batch.clear();
    }

    /** The index of the highest value, row-major. */
    private static int peak(float[] patchEnergy) {
        int best = 0;
        for (int i = 1; i < patchEnergy.length; i++) {
            if (patchEnergy[i] > patchEnergy[best]) {
                best = i;
            }
        }
        return best;
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
