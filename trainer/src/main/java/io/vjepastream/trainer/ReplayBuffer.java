package io.vjepastream.trainer;

import io.vjepastream.model.PairSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Recent pairs of every stream, from which training batches are drawn at random. Live video is highly
 * correlated in time, and one busy camera can outnumber the others many times over; so a batch picks
 * a stream uniformly for each pair and then a pair uniformly from that stream's window. When full, the
 * oldest pair of the largest stream makes room, so a quiet stream keeps its share.
 * Not thread-safe: the trainer's one thread owns it.
 */
public final class ReplayBuffer {
    private final int capacity;
    private final Random random;
    private final Map<String, List<PairSample>> byStream = new LinkedHashMap<>();
    private int size;
    private long added;

    public ReplayBuffer(int capacity, long seed) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity=" + capacity + " must be positive");
        }
        this.capacity = capacity;
        this.random = new Random(seed);
    }

    /** Adds a pair of an unnamed stream. */
    public void add(PairSample pair) {
        add("", pair);
    }

    /** Adds a pair of the given stream, evicting the oldest pair of the largest stream when full. */
    public void add(String streamId, PairSample pair) {
        if (size == capacity) {
            largestStream().remove(0);
            size--;
        }
        byStream.computeIfAbsent(streamId, id -> new ArrayList<>()).add(pair);
        size++;
        added++;
    }

    private List<PairSample> largestStream() {
        List<PairSample> largest = null;
        for (List<PairSample> window : byStream.values()) {
            if (largest == null || window.size() > largest.size()) {
                largest = window;
            }
        }
        return largest;
    }

    /** Draws a batch of distinct pairs; needs at least {@code batchSize} pairs in the buffer. */
    public List<PairSample> sample(int batchSize) {
        if (batchSize > size) {
            throw new IllegalStateException("asked for " + batchSize + " pairs but the buffer holds " + size);
        }
        List<List<PairSample>> streams = new ArrayList<>();
        List<int[]> remaining = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (List<PairSample> window : byStream.values()) {
            if (!window.isEmpty()) {
                streams.add(window);
                int[] indices = new int[window.size()];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = i;
                }
                remaining.add(indices);
                counts.add(indices.length);
            }
        }
        List<PairSample> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize) {
            int s = random.nextInt(streams.size());
            int left = counts.get(s);
            if (left == 0) {
                continue;
            }
            // Swap-remove a random index among those this stream has not given yet.
            int[] indices = remaining.get(s);
            int pick = random.nextInt(left);
            batch.add(streams.get(s).get(indices[pick]));
            indices[pick] = indices[left - 1];
            counts.set(s, left - 1);
        }
        return batch;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Pairs held per stream. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        byStream.forEach((id, window) -> sizes.put(id, window.size()));
        return sizes;
    }

    /** Pairs added since creation, including those already replaced. */
    public long added() {
        return added;
    }
}
