package io.vjepastream.trainer.loop;

import io.vjepastream.model.PairSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Batches from pairs held in memory, in their order, round again after the last: the same every run. */
public final class CycledPairs implements BatchSource {
    private final List<PairSample> pairs;
    private final int batchSize;
    private long index;

    public CycledPairs(List<PairSample> pairs, int batchSize) {
        if (pairs.isEmpty() || batchSize < 1) {
            throw new IllegalArgumentException(pairs.size() + " pairs for batches of " + batchSize
                    + "; need at least one pair and a batch size >= 1");
        }
        this.pairs = pairs;
        this.batchSize = batchSize;
    }

    @Override
    public Optional<List<PairSample>> next() {
        List<PairSample> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(pairs.get((int) ((index * batchSize + i) % pairs.size())));
        }
        index++;
        return Optional.of(batch);
    }
}
