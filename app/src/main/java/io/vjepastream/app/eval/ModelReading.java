package io.vjepastream.app.eval;

import io.vjepastream.model.JepaInference;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What one model made of a list of pairs: the energy, the latent state (the newest frame's tokens)
 * and its pooled embedding, of each.
 *
 * @param energies one energy per pair: the mean over the target frame's patches
 * @param peakEnergies the largest patch energy of each pair: a surprise confined to one object
 *     shows here undiluted by the rest of the frame
 * @param embeddings one embedding per pair
 * @param tokens one latent state per pair: the target-side tokens of its newest frame, token-major
 */
public record ModelReading(double[] energies, double[] peakEnergies, float[][] embeddings, float[][] tokens) {
    private static final int BATCH = 32;

    /** @return the energy the model gives each pair, as its {@link JepaInference#energyMeasure()} measures it */
    public static double[] energies(JepaInference model, List<LabelledPair> pairs) {
        return energies(model::score, pairs);
    }

    /** @return the energy {@code scorer} gives each pair, scoring them in batches */
    public static double[] energies(Function<List<PairSample>, List<Scored>> scorer, List<LabelledPair> pairs) {
        double[] energies = new double[pairs.size()];
        for (int from = 0; from < pairs.size(); from += BATCH) {
            List<Scored> scores = scorer.apply(batch(pairs, from));
            for (int i = 0; i < scores.size(); i++) {
                energies[from + i] = scores.get(i).energy();
            }
        }
        return energies;
    }

    /** Scores every pair with the model, in batches. */
    public static ModelReading of(JepaInference model, List<LabelledPair> pairs) {
        double[] energies = new double[pairs.size()];
        double[] peaks = new double[pairs.size()];
        float[][] embeddings = new float[pairs.size()][];
        float[][] tokens = new float[pairs.size()][];
        for (int from = 0; from < pairs.size(); from += BATCH) {
            List<Scored> scores = model.score(batch(pairs, from));
            for (int i = 0; i < scores.size(); i++) {
                energies[from + i] = scores.get(i).energy();
                double peak = Double.NEGATIVE_INFINITY;
                for (float v : scores.get(i).patchEnergy()) {
                    peak = Math.max(peak, v);
                }
                peaks[from + i] = peak;
                embeddings[from + i] = scores.get(i).embedding();
                tokens[from + i] = scores.get(i).tokens();
            }
        }
        return new ModelReading(energies, peaks, embeddings, tokens);
    }

    private static List<PairSample> batch(List<LabelledPair> pairs, int from) {
        List<PairSample> batch = new ArrayList<>(BATCH);
        for (int i = from; i < Math.min(pairs.size(), from + BATCH); i++) {
            batch.add(pairs.get(i).sample());
        }
        return batch;
    }
}
