package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.TokenMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Makes every pair of a batch carry the same number of context and of target tokens, as one batched
 * forward pass needs: pairs with more than the batch's smallest count drop tokens at random until they
 * match (what V-JEPA's collator does with multi-block masks of different sizes). A batch of pairs
 * without masks (the default temporal one) passes unchanged; in a batch with masks, a pair without one
 * takes the temporal mask explicitly.
 */
final class MaskEqualizer {
    private final Random random;
    private final TokenMask temporal;

    MaskEqualizer(JepaConfig model, long seed) {
        this.random = new Random(seed);
        this.temporal = TokenMask.temporal(model.contextFrames(), model.targetFrames(), model.gridSize());
    }

    List<PairSample> equalize(List<PairSample> batch) {
        int minContext = Integer.MAX_VALUE;
        int minTarget = Integer.MAX_VALUE;
        boolean anyMask = false;
        for (PairSample pair : batch) {
            anyMask |= pair.mask() != null;
            TokenMask mask = pair.mask() == null ? temporal : pair.mask();
            minContext = Math.min(minContext, mask.contextIndices().length);
            minTarget = Math.min(minTarget, mask.targetIndices().length);
        }
        if (!anyMask) {
            return batch;
        }
        List<PairSample> out = new ArrayList<>(batch.size());
        for (PairSample pair : batch) {
            out.add(trim(pair, minContext, minTarget));
        }
        return out;
    }

    private PairSample trim(PairSample pair, int contextCount, int targetCount) {
        TokenMask mask = pair.mask() == null ? temporal : pair.mask();
        int[] context = mask.contextIndices();
        int[] target = mask.targetIndices();
        if (context.length == contextCount && target.length == targetCount) {
            return pair.mask() == mask ? pair : new PairSample(pair.context(), pair.target(), pair.action(), mask);
        }
        TokenMask trimmed = TokenMask.of(mask.frames(), mask.gridH(), mask.gridW(), keep(context, contextCount),
                keep(target, targetCount));
        return new PairSample(pair.context(), pair.target(), pair.action(), trimmed);
    }

    private BitSet keep(int[] indices, int count) {
        int[] copy = indices.clone();
        // Partial Fisher-Yates: the first `count` entries become a uniform random subset.
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(copy.length - i);
            int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        BitSet bits = new BitSet();
        for (int i = 0; i < count; i++) {
            bits.set(copy[i]);
        }
        return bits;
    }
}
