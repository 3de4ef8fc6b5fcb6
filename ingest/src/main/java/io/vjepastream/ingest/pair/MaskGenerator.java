package io.vjepastream.ingest.pair;

import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.mask.MaskBits;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Makes each pair's {@link TemporalMask} for one stream. Token {@code t * H * W + h * W + w} is frame
 * {@code t} (context frames first, oldest first, then the target frames), row {@code h}, column
 * {@code w}. The strategies:
 * <ul>
 *   <li>TEMPORAL: every context-frame token is context, every target-frame token is target.</li>
 *   <li>TUBE: V-JEPA multi-block masking. Each pair draws, with equal odds, either the short-range
 *       family (8 blocks at scale 0.15) or the long-range family (2 blocks at scale 0.7); the union of
 *       the blocks is masked in every frame of the pair, a tube through time. Masked tokens in all
 *       frames are targets; unmasked tokens in all frames, the target frame's included, are context.
 *       So the target frame is split like the others: its visible patches are context and its hidden
 *       patches are predicted, together with the hidden patches of the context frames.</li>
 *   <li>BLOCK: the same block families, masked in the target frames only: every context-frame token
 *       and the target frames' unmasked tokens are context, the target frames' masked tokens are
 *       targets.</li>
 *   <li>RANDOM: {@code round(ratio * T * H * W)} tokens drawn uniformly from the whole grid are targets,
 *       the rest context.</li>
 * </ul>
 * Every strategy keeps context and target disjoint and both non-empty, and keeps at least
 * {@link MultiBlockSampler#minKeep(int)} of the whole grid's tokens as context. A mask depends only on
 * the strategy, the grid, the ratio and the seed it records.
 */
public final class MaskGenerator {
    private final MaskSettings settings;
    private final int contextFrames;
    private final int targetFrames;
    private final int grid;
    private final int patchSize;
    private final TemporalMask temporal;
    private final MultiBlockSampler sampler;

    /**
     * @param settings strategy, ratio and base seed
     * @param contextFrames context frames per pair
     * @param targetFrames target frames per pair
     * @param grid patches per row and per column
     * @param patchSize patch side in pixels
     * @throws IllegalArgumentException when a sparse strategy is asked of a grid of one patch
     */
    public MaskGenerator(MaskSettings settings, int contextFrames, int targetFrames, int grid, int patchSize) {
        this.settings = settings;
        this.contextFrames = contextFrames;
        this.targetFrames = targetFrames;
        this.grid = grid;
        this.patchSize = patchSize;
        this.temporal = TemporalMasks.temporal(contextFrames, targetFrames, grid, patchSize);
        if (settings.strategy() != MaskStrategy.TEMPORAL && grid * grid < 2) {
            throw new IllegalArgumentException("invalid ingest config: maskStrategy = " + settings.strategy()
                    + " with a grid of " + grid + "x" + grid + " patches; allowed: TEMPORAL, or an image of at least "
                    + "2 patches");
        }
        this.sampler = grid * grid < 2 ? null : new MultiBlockSampler(grid, grid);
    }

    /** The settings masks are made with. */
    public MaskSettings settings() {
        return settings;
    }

    /**
     * The seed of one pair's mask: the base seed, the stream id and the sequence mixed, so streams and
     * pairs get independent masks that a reader can reproduce.
     */
    public static long pairSeed(long baseSeed, String streamId, long sequence) {
        long z = baseSeed ^ mix(streamId.hashCode() * 0x9E3779B97F4A7C15L) ^ mix(sequence + 0x632BE59BD9B4E019L);
        return mix(z);
    }

    /** The mask of the pair with this seed. */
    public TemporalMask mask(long seed) {
        if (settings.strategy() == MaskStrategy.TEMPORAL) {
            return TemporalMask.newBuilder(temporal).build();
        }
        SplittableRandom random = new SplittableRandom(seed);
        int perFrame = grid * grid;
        int frames = contextFrames + targetFrames;
        byte[] context = new byte[MaskBits.bytesFor(frames * perFrame)];
        byte[] target = new byte[context.length];
        switch (settings.strategy()) {
            case TUBE -> {
                boolean[] masked = sampler.sample(family(random), random);
                for (int t = 0; t < frames; t++) {
                    split(masked, t * perFrame, context, target);
                }
            }
            case BLOCK -> {
                boolean[] masked = sampler.sample(family(random), random);
                for (int t = 0; t < frames; t++) {
                    split(t < contextFrames ? new boolean[perFrame] : masked, t * perFrame, context, target);
                }
            }
            case RANDOM -> randomTokens(frames * perFrame, random, context, target);
            default -> throw new IllegalStateException("unknown mask strategy " + settings.strategy());
        }
        return TemporalMask.newBuilder()
                .setStrategy(settings.strategy())
                .setGridT(frames)
                .setGridH(grid)
                .setGridW(grid)
                .setPatchSize(patchSize)
                .setContext(ByteBuffer.wrap(context))
                .setTarget(ByteBuffer.wrap(target))
                .setSeed(seed)
                .build();
    }

    /** How many of {@code total} tokens RANDOM makes targets at this ratio: at least 1, leaving the minimum context. */
    public static int randomTargetCount(int total, double ratio) {
        int wanted = (int) Math.round(ratio * total);
        return Math.max(1, Math.min(wanted, total - MultiBlockSampler.minKeep(total)));
    }

    private static BlockFamily family(SplittableRandom random) {
        return random.nextBoolean() ? BlockFamily.SHORT_RANGE : BlockFamily.LONG_RANGE;
    }

    private static void split(boolean[] masked, int offset, byte[] context, byte[] target) {
        for (int i = 0; i < masked.length; i++) {
            MaskBits.set(masked[i] ? target : context, offset + i);
        }
    }

    private void randomTokens(int total, SplittableRandom random, byte[] context, byte[] target) {
        int targets = randomTargetCount(total, settings.ratio());
        // A partial Fisher-Yates shuffle picks exactly `targets` distinct tokens.
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        for (int i = 0; i < targets; i++) {
            int j = i + random.nextInt(total - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
            MaskBits.set(target, order[i]);
        }
        for (int i = targets; i < total; i++) {
            MaskBits.set(context, order[i]);
        }
    }

    private static long mix(long z) {
        // SplitMix64's finaliser: every input bit affects every output bit.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
