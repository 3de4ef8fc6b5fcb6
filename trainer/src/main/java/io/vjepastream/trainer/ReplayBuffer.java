package io.vjepastream.trainer;

import io.vjepastream.model.PairSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed-size ring of recent pairs from every stream, from which training batches are drawn uniformly
 * at random. Live video is highly correlated in time; drawing across the whole window (and across
 * streams) instead of in arrival order keeps consecutive batches from being near copies of each other.
 * Not thread-safe: the trainer's one thread owns it.
 */
public final class ReplayBuffer {
    private final PairSample[] slots;
    private final Random random;
    private int size;
    private int next;
    private long added;

    public ReplayBuffer(int capacity, long seed) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity=" + capacity + " must be positive");
        }
        this.slots = new PairSample[capacity];
        this.random = new Random(seed);
    }

    /** Adds a pair, replacing the oldest when full. */
    public void add(PairSample pair) {
        slots[next] = pair;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
        added++;
    }

    /** Draws a batch without replacement; needs at least {@code batchSize} pairs. */
    public List<PairSample> sample(int batchSize) {
        if (batchSize > size) {
            throw new IllegalStateException("asked for " + batchSize + " pairs but the buffer holds " + size);
        }
        // Partial Fisher-Yates over slot indices: distinct pairs within a batch.
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        List<PairSample> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            int j = i + random.nextInt(size - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
            batch.add(slots[indices[i]]);
        }
        return batch;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return slots.length;
    }

    /** Pairs added since creation, including those already replaced. */
    public long added() {
        return added;
    }
}
