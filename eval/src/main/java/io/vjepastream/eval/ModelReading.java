package io.vjepastream.eval;

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
 * @param topEnergies the mean of the {@value #TOP_K} largest patch energies of each pair: an object
 *     covers a few patches, so this keeps a local surprise whole without resting on a single patch
 * @param embeddings one embedding per pair
 * @param tokens one latent state per pair: the target-side tokens of its newest frame, token-major
 */
public record ModelReading(double[] energies, double[] peakEnergies, double[] topEnergies, float[][] embeddings,
                           float[][] tokens) {
    /** Patches averaged by {@link #topEnergies()}: an object of the eval's scenes covers about four. */
    public static final int TOP_K = 4;
    private static final int BATCH = 32;

    /** @return the energy the model gives each pair, as its {@link JepaInference#energyMeasure()} measures it */
    public static double[] energies(JepaInference model, List<LabelledPair> pairs) {
        return energies(model::score, pairs);
    }

    /** @return the energy {@code scorer} gives each pair, scoring them in batches */
    public static double[] energies(Function<List<PairSample>, List<Scored>> scorer, List<LabelledPair> pairs) {
        return of(scorer, pairs).energies();
    }

    /** Scores every pair with the model, in batches. */
    public static ModelReading of(JepaInference model, List<LabelledPair> pairs) {
        return of(model::score, pairs);
    }

    /** Scores every pair with {@code scorer}, in batches. */
    public static ModelReading of(Function<List<PairSample>, List<Scored>> scorer, List<LabelledPair> pairs) {
        double[] energies = new double[pairs.size()];
        double[] peaks = new double[pairs.size()];
        double[] tops = new double[pairs.size()];
        float[][] embeddings = new float[pairs.size()][];
        float[][] tokens = new float[pairs.size()][];
        for (int from = 0; from < pairs.size(); from += BATCH) {
            List<Scored> scores = scorer.apply(batch(pairs, from));
            for (int i = 0; i < scores.size(); i++) {
                energies[from + i] = scores.get(i).energy();
                float[] patches = scores.get(i).patchEnergy().clone();
                java.util.Arrays.sort(patches);
                peaks[from + i] = patches[patches.length - 1];
                tops[from + i] = topMean(patches, TOP_K);
                embeddings[from + i] = scores.get(i).embedding();
                tokens[from + i] = scores.get(i).tokens();
            }
        }
        return new ModelReading(energies, peaks, tops, embeddings, tokens);
    }

    /** @return the mean of the {@code k} largest of {@code sorted} (ascending) */
    private static double topMean(float[] sorted, int k) {
        int n = Math.min(k, sorted.length);
        double sum = 0;
        for (int i = sorted.length - n; i < sorted.length; i++) {
            sum += sorted[i];
        }
        return sum / n;
    }

    private static List<PairSample> batch(List<LabelledPair> pairs, int from) {
        List<PairSample> batch = new ArrayList<>(BATCH);
        for (int i = from; i < Math.min(pairs.size(), from + BATCH); i++) {
            batch.add(pairs.get(i).sample());
        }
        return batch;
    }
}
