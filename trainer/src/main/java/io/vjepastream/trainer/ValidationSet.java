package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs held out from training to measure how well a checkpoint predicts what it has not trained on:
 * every {@code 1 / fraction}-th record by offset goes here instead of into the replay buffer, up to a
 * bound. The validation loss of a checkpoint is its mean energy on these pairs, which for the model's
 * loss is exactly the prediction loss without the gradient.
 */
final class ValidationSet {
    private static final int BATCH = 16;
    private final long every;
    private final int capacity;
    private final List<PairSample> pairs = new ArrayList<>();
    private final MaskEqualizer equalizer;

    ValidationSet(double fraction, int capacity, JepaConfig model) {
        this.every = Math.max(2, Math.round(1 / fraction));
        this.capacity = capacity;
        this.equalizer = new MaskEqualizer(model, model.seed());
    }

    /** True when the record at {@code offset} belongs to the validation split (whether or not it is kept). */
    boolean claims(long offset) {
        return offset % every == every - 1;
    }

    void add(PairSample pair) {
        if (pairs.size() < capacity) {
            pairs.add(pair);
        }
    }

    int size() {
        return pairs.size();
    }

    /** The mean energy of the checkpoint in {@code directory} on the held-out pairs; NaN when there are none. */
    double loss(Path directory) throws IOException {
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        try (JepaInference model = JepaInference.load(directory)) {
            for (int from = 0; from < pairs.size(); from += BATCH) {
                List<PairSample> batch = equalizer.equalize(
                        pairs.subList(from, Math.min(pairs.size(), from + BATCH)));
                for (Scored scored : model.score(batch)) {
                    sum += scored.energy();
                }
            }
        }
        return sum / pairs.size();
    }
}
