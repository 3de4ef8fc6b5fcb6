package io.vjepastream.eval;

import io.vjepastream.ingest.source.PlantedAnomaly;
import io.vjepastream.model.CollapseStatistics;
import io.vjepastream.schemas.json.Json;
import io.vjepastream.eval.stats.Auroc;
import io.vjepastream.eval.plot.EnergyPlot;
import io.vjepastream.eval.stats.LinearProbe;
import io.vjepastream.eval.stats.ProbeResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an {@link Evaluation}: the training run and the readings of the held-out clip
 * (trained model, untrained model, each with the standardised energy, the training distance and the
 * persistence forecast, and the pixel difference), with the measures computed from them against the
 * ground truth: anomaly AUROC per kind and overall, the R^2 of a linear probe from latent states to
 * object positions, and the collapse statistics of the latent states.
 *
 * @param settings what was trained and tested
 * @param training how training went
 * @param test the held-out pairs with their ground truth
 * @param trained the trained model's reading
 * @param trainedTargetContext the trained model's reading with the predictor's context from the target
 *     encoder ({@link io.vjepastream.model.ContextEncoder#TARGET}, one encoder pass per frame)
 * @param untrained the untrained model's reading
 * @param trainingDistances both models' energies measured as the training loss measures the error
 * @param persistence both models' energies with the persistence forecast in place of the predictor's
 * @param pixelDifference the pixel-difference energy of every test pair
 * @param probeSet the clean held-out pairs the position probe is fitted and scored on
 * @param trainedProbe the trained model's reading of them
 * @param untrainedProbe the untrained model's reading of them
 * @param checkpoint where the trained model was kept, or null
 */
public record EvalResult(Evaluation.Settings settings, TrainingRun training, List<LabelledPair> test,
                         ModelReading trained, ModelReading trainedTargetContext, ModelReading untrained,
                         TrainingDistances trainingDistances, PersistenceForecasts persistence, double[] pixelDifference,
                         List<LabelledPair> probeSet, ModelReading trainedProbe, ModelReading untrainedProbe,
                         Path checkpoint) {
    /**
     * The energy of every test pair measured as {@link io.vjepastream.model.EnergyMeasure#TRAINING_DISTANCE}:
     * what the readings' default, standardised energy is compared with.
     *
     * @param trained by the trained model
     * @param trainedTargetContext by the trained model with the predictor's context from the target encoder
     * @param untrained by the untrained model
     * @param trainedPersistence by the trained model's encoders with the persistence forecast in place of
     *     the predictor's: the loss a predictor that foresees no change would have
     */
    public record TrainingDistances(double[] trained, double[] trainedTargetContext, double[] untrained,
                                    double[] trainedPersistence) {
    }

    /**
     * The energy of every test pair if the predictor foresaw no change (see
     * {@link io.vjepastream.model.JepaInference#scorePersistence}), by the same encoders and energy
     * measure as the readings: what a predictor that has learned the motion must beat.
     *
     * @param trained by the trained model's encoders
     * @param untrained by the untrained model's encoders
     */
    public record PersistenceForecasts(ModelReading trained, ModelReading untrained) {
    }

    /** Share of the probe pairs (from the start) the probe is fitted on. */
    public static final double PROBE_FIT_FRACTION = 0.7;
    private static final Map<PlantedAnomaly, Color> COLOURS = Map.of(
            PlantedAnomaly.TELEPORT, new Color(220, 30, 30), PlantedAnomaly.VANISH, new Color(240, 150, 0),
            PlantedAnomaly.APPEAR, new Color(200, 170, 0), PlantedAnomaly.COLOUR, new Color(30, 170, 60),
            PlantedAnomaly.STALL, new Color(0, 150, 200), PlantedAnomaly.REVERSE, new Color(150, 0, 200));

    /**
     * AUROC of an energy for anomalous pairs against normal pairs: {@code overall} (every kind) and
     * one entry per planted kind; NaN where the test clip has no pair of that kind.
     */
    public Map<String, Double> auroc(double[] energies) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("overall", aurocOf(energies, null));
        for (PlantedAnomaly kind : PlantedAnomaly.values()) {
            out.put(kind.label(), aurocOf(energies, kind));
        }
        return out;
    }

    private double aurocOf(double[] energies, PlantedAnomaly kind) {
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            LabelledPair p = test.get(i);
            if (p.normal() || p.anomaly() != null && (kind == null || p.anomaly() == kind)) {
                scores.add(energies[i]);
                labels.add(p.anomaly() != null);
            }
        }
        boolean[] positive = new boolean[labels.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = labels.get(i);
        }
        return Auroc.of(scores.stream().mapToDouble(Double::doubleValue).toArray(), positive);
    }

    /**
     * The linear probe from a reading's latent states (the newest frame's whole token grid, where
     * objects have a place) of the probe set to the object positions.
     */
    public ProbeResult probe(ModelReading reading) {
        return probe(reading.tokens());
    }

    /** The linear probe from the pooled embeddings, which average the places away. */
    public ProbeResult pooledProbe(ModelReading reading) {
        return probe(reading.embeddings());
    }

    private ProbeResult probe(float[][] features) {
        double[][] x = new double[probeSet.size()][];
        double[][] y = new double[probeSet.size()][];
        for (int i = 0; i < probeSet.size(); i++) {
            float[] e = features[i];
            x[i] = new double[e.length];
            for (int j = 0; j < e.length; j++) {
                x[i][j] = e[j];
            }
            y[i] = probeSet.get(i).positions();
        }
        return LinearProbe.evaluate(x, y, PROBE_FIT_FRACTION);
    }

    /** The report as a JSON object (NaN written as null). */
    public Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", settings.model().toProperties());
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("sources", settings.trainSources());
        train.put("pairs", training.trainingPairs());
        train.put("batch_size", settings.batchSize());
        train.put("steps", training.steps());
        train.put("seconds", training.seconds());
        train.put("pairs_per_s", training.pairsPerSecond());
        train.put("loss_first", training.firstLoss());
        train.put("loss_last", training.lastLoss());
        out.put("training", train);
        Map<String, Object> testInfo = new LinkedHashMap<>();
        testInfo.put("source", settings.testSource());
        testInfo.put("pairs", test.size());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("none", test.stream().filter(LabelledPair::normal).count());
        counts.put("left_out_break_in_context", test.stream().filter(p -> p.anomaly() == null && p.inContext()).count());
        for (PlantedAnomaly kind : PlantedAnomaly.values()) {
            counts.put(kind.label(), test.stream().filter(p -> p.anomaly() == kind).count());
        }
        testInfo.put("pairs_by_label", counts);
        out.put("test", testInfo);
        Map<String, Object> auroc = new LinkedHashMap<>();
        auroc.put("trained", auroc(trained.energies()));
        auroc.put("trained_peak_patch", auroc(trained.peakEnergies()));
        auroc.put("trained_top" + ModelReading.TOP_K, auroc(trained.topEnergies()));
        auroc.put("trained_target_context", auroc(trainedTargetContext.energies()));
        auroc.put("trained_training_distance", auroc(trainingDistances.trained()));
        auroc.put("trained_target_context_training_distance", auroc(trainingDistances.trainedTargetContext()));
        auroc.put("trained_persistence", auroc(persistence.trained().energies()));
        auroc.put("untrained", auroc(untrained.energies()));
        auroc.put("untrained_peak_patch", auroc(untrained.peakEnergies()));
        auroc.put("untrained_training_distance", auroc(trainingDistances.untrained()));
        auroc.put("untrained_persistence", auroc(persistence.untrained().energies()));
        auroc.put("untrained_persistence_top" + ModelReading.TOP_K, auroc(persistence.untrained().topEnergies()));
        auroc.put("pixel_difference", auroc(pixelDifference));
        // The z-scores behind the embedder's anomaly flag: each energy against the clip's running statistics.
        AnomalyFlag flag = AnomalyFlag.withEmbedderDefaults(trained.energies());
        auroc.put("trained_zscore", auroc(flag.zScores()));
        auroc.put("untrained_persistence_zscore",
                auroc(AnomalyFlag.withEmbedderDefaults(persistence.untrained().energies()).zScores()));
        out.put("auroc", auroc);
        out.put("anomaly_flag", flag.json(test));
        // Spearman's rho of energy with the objects' displacement over normal pairs: near 0 for a model
        // that expects the motion, strongly positive for a change detector.
        Map<String, Object> neutrality = new LinkedHashMap<>();
        neutrality.put("trained", MotionNeutrality.of(trained.energies(), test));
        neutrality.put("trained_top" + ModelReading.TOP_K, MotionNeutrality.of(trained.topEnergies(), test));
        neutrality.put("untrained_persistence", MotionNeutrality.of(persistence.untrained().energies(), test));
        neutrality.put("pixel_difference", MotionNeutrality.of(pixelDifference, test));
        out.put("motion_neutrality", neutrality);
        // The training loss on held-out normal pairs, beside what foreseeing no change would cost:
        // whether the predictor forecasts at all.
        Map<String, Object> forecast = new LinkedHashMap<>();
        forecast.put("trained", meanOverNormal(trainingDistances.trained()));
        forecast.put("persistence", meanOverNormal(trainingDistances.trainedPersistence()));
        forecast.put("untrained", meanOverNormal(trainingDistances.untrained()));
        out.put("forecast_loss", forecast);
        Map<String, Object> probes = new LinkedHashMap<>();
        probes.put("source", settings.probeSource());
        probes.put("trained", probeJson(probe(trainedProbe)));
        probes.put("untrained", probeJson(probe(untrainedProbe)));
        probes.put("trained_pooled", probeJson(pooledProbe(trainedProbe)));
        probes.put("untrained_pooled", probeJson(pooledProbe(untrainedProbe)));
        out.put("position_probe", probes);
        Map<String, Object> collapse = new LinkedHashMap<>();
        collapse.put("trained", statsJson(CollapseStatistics.of(trained.embeddings())));
        collapse.put("untrained", statsJson(CollapseStatistics.of(untrained.embeddings())));
        out.put("collapse", collapse);
        if (checkpoint != null) {
            out.put("checkpoint", checkpoint.toString());
        }
        return clean(out);
    }

    private double meanOverNormal(double[] values) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.get(i).normal()) {
                sum += values[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Writes {@link #report()} as indented JSON. */
    public void writeJson(Path file) throws IOException {
        Json.indentedWriter().writeValue(file.toFile(), report());
    }

    /** Writes the three energies of the test clip over time, planted anomalies marked by kind. */
    public void writePlot(Path png) throws IOException {
        double[] seconds = test.stream().mapToDouble(LabelledPair::seconds).toArray();
        List<EnergyPlot.Marker> markers = new ArrayList<>();
        PlantedAnomaly previous = null;
        for (LabelledPair p : test) {
            // One marker where a run of pairs showing the same anomaly starts.
            if (p.anomaly() != null && p.anomaly() != previous) {
                markers.add(new EnergyPlot.Marker(p.seconds(), p.anomaly().label(), COLOURS.get(p.anomaly())));
            }
            previous = p.anomaly();
        }
        EnergyPlot.write(png, String.format(java.util.Locale.ROOT,
                        "energy on the held-out clip: trained AUROC %.3f, untrained %.3f, pixel difference %.3f",
                        auroc(trained.energies()).get("overall"), auroc(untrained.energies()).get("overall"),
                        auroc(pixelDifference).get("overall")), "seconds", seconds,
                List.of(new EnergyPlot.Series("trained model (" + training.steps() + " steps)", new Color(20, 80, 200),
                                trained.energies()),
                        new EnergyPlot.Series("untrained model", new Color(110, 110, 110), untrained.energies()),
                        new EnergyPlot.Series("pixel difference", new Color(120, 60, 160), pixelDifference)),
                markers);
    }

    private static Map<String, Object> probeJson(ProbeResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("r2", r.rSquared());
        out.put("lambda", r.lambda());
        out.put("fitted", r.fitted());
        out.put("held_out", r.heldOut());
        return out;
    }

    /** The spread of the embeddings and how many directions they vary in (the centred effective rank). */
    private static Map<String, Object> statsJson(CollapseStatistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        double minStd = Double.POSITIVE_INFINITY;
        for (float std : s.stdPerDimension()) {
            minStd = Math.min(minStd, std);
        }
        out.put("mean_std", s.meanStd());
        out.put("min_std", minStd);
        out.put("effective_rank", s.centredEffectiveRank());
        out.put("dimensions", s.stdPerDimension().length);
        return out;
    }

    /** JSON has no NaN: write null instead. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> clean(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, clean((Map<String, ?>) m));
            } else if (v instanceof Double d && !Double.isFinite(d)) {
                out.put(k, null);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
