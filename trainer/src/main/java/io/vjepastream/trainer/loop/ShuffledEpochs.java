package io.vjepastream.trainer.loop;

import io.vjepastream.model.PairSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Batches from pairs held in memory, in epochs: every pair once per epoch, in a new seeded order each
 * epoch, as a replay buffer would draw them; a batch may span two epochs.
 */
public final class ShuffledEpochs implements BatchSource {
    private final List<PairSample> pairs;
    private final int batchSize;
    private final SplittableRandom random;
    private int[] order;
    private int next;

    /** @param seed decides the order of every epoch */
    public ShuffledEpochs(List<PairSample> pairs, int batchSize, long seed) {
        if (pairs.isEmpty() || batchSize < 1) {
            throw new IllegalArgumentException(pairs.size() + " pairs for batches of " + batchSize
                    + "; need at least one pair and a batch size >= 1");
        }
        this.pairs = pairs;
        this.batchSize = batchSize;
        this.random = new SplittableRandom(seed);
        this.order = shuffled(pairs.size(), random);
    }

    @Override
    public Optional<List<PairSample>> next() {
        List<PairSample> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize) {
            if (next == order.length) {
                order = shuffled(pairs.size(), random);
                next = 0;
            }
            batch.add(pairs.get(order[next++]));
        }
        return Optional.of(batch);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
