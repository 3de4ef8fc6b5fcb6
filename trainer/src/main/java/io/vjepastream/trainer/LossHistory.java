package io.vjepastream.trainer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The training losses of a run, in bounded memory for a trainer meant to run forever: how many steps
 * there were, the first {@code keep} losses and the most recent {@code keep}. Enough to say whether
 * the loss fell, which is all that readers ask. Not thread-safe: the trainer guards it.
 */
final class LossHistory {
    /** Losses kept at each end by default: the trend over a few hundred steps, a few kilobytes. */
    static final int DEFAULT_KEEP = 500;

    private final int keep;
    private final List<Float> first = new ArrayList<>();
    private final ArrayDeque<Float> recent = new ArrayDeque<>();
    private long count;

    LossHistory(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep = " + keep + "; at least 1 loss must be kept");
        }
        this.keep = keep;
    }

    void add(float loss) {
        count++;
        if (first.size() < keep) {
            first.add(loss);
        }
        recent.addLast(loss);
        if (recent.size() > keep) {
            recent.removeFirst();
        }
    }

    /** A copy that other threads may read. */
    Losses snapshot() {
        return new Losses(count, List.copyOf(first), List.copyOf(recent));
    }
}
