package io.vjepastream.ingest.pair;

import java.util.SplittableRandom;

/**
 * Draws V-JEPA multi-block spatial masks on a {@code gridH x gridW} patch grid, following the
 * reference implementation: a block of {@code scale * H * W} patches gets an aspect ratio drawn
 * log-uniformly, height {@code round(sqrt(n * ar))} and width {@code round(sqrt(n / ar))} (clipped to
 * the grid), and a uniformly random position; the union of the family's blocks is masked. A draw that
 * leaves fewer than {@link #minKeep(int)} patches visible is redrawn; after {@value #MAX_TRIES} tries
 * the blocks of the last draw are dropped from the end until enough patches are visible, so a mask
 * always exists.
 */
final class MultiBlockSampler {
    /** The smallest share of a frame's patches that stays visible as context. */
    public static final double MIN_KEEP_FRACTION = 0.1;
    private static final int MAX_TRIES = 20;

    private final int gridH;
    private final int gridW;

    /**
     * @param gridH patch rows
     * @param gridW patch columns; the grid needs at least 2 patches so that a mask can hide some and keep some
     */
    public MultiBlockSampler(int gridH, int gridW) {
        if (gridH <= 0 || gridW <= 0 || gridH * gridW < 2) {
            throw new IllegalArgumentException("block masks need a grid of at least 2 patches but got " + gridH + "x"
                    + gridW);
        }
        this.gridH = gridH;
        this.gridW = gridW;
    }

    /** Visible patches every mask keeps on a frame of {@code patches} patches: 10%, at least 1. */
    public static int minKeep(int patches) {
        return Math.max(1, (int) Math.ceil(MIN_KEEP_FRACTION * patches));
    }

    /**
     * One spatial mask: {@code result[h * gridW + w]} is true where the patch is masked. At least one
     * patch is masked and at least {@link #minKeep(int)} are not.
     */
    public boolean[] sample(BlockFamily family, SplittableRandom random) {
        int patches = gridH * gridW;
        int keep = minKeep(patches);
        int[][] blocks = new int[family.count()][];
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            for (int b = 0; b < blocks.length; b++) {
                blocks[b] = block(family, random);
            }
            boolean[] masked = union(blocks, blocks.length);
            if (patches - count(masked) >= keep) {
                return masked;
            }
        }
        // Fewer blocks mask fewer patches; on a tiny grid even one block may hide too much, so it is trimmed.
        for (int n = blocks.length - 1; n >= 1; n--) {
            boolean[] masked = union(blocks, n);
            if (patches - count(masked) >= keep) {
                return masked;
            }
        }
        return shrinkToKeep(union(blocks, 1), keep);
    }

    /** {top, left, height, width} of one block. */
    private int[] block(BlockFamily family, SplittableRandom random) {
        int patches = Math.max(1, (int) (gridH * gridW * family.scale()));
        double logMin = Math.log(family.minAspect());
        double logMax = Math.log(family.maxAspect());
        double aspect = Math.exp(logMin + random.nextDouble() * (logMax - logMin));
        int h = clamp((int) Math.round(Math.sqrt(patches * aspect)), gridH);
        int w = clamp((int) Math.round(Math.sqrt(patches / aspect)), gridW);
        int top = random.nextInt(gridH - h + 1);
        int left = random.nextInt(gridW - w + 1);
        return new int[] {top, left, h, w};
    }

    private static int clamp(int size, int limit) {
        return Math.max(1, Math.min(size, limit));
    }

    private boolean[] union(int[][] blocks, int n) {
        boolean[] masked = new boolean[gridH * gridW];
        for (int b = 0; b < n; b++) {
            int[] r = blocks[b];
            for (int y = r[0]; y < r[0] + r[2]; y++) {
                for (int x = r[1]; x < r[1] + r[3]; x++) {
                    masked[y * gridW + x] = true;
                }
            }
        }
        return masked;
    }

    /** Unmasks patches from the end of the grid until {@code keep} are visible, keeping at least one masked. */
    private static boolean[] shrinkToKeep(boolean[] masked, int keep) {
        int visible = masked.length - count(masked);
        for (int i = masked.length - 1; i >= 0 && visible < keep && count(masked) > 1; i--) {
            if (masked[i]) {
                masked[i] = false;
                visible++;
            }
        }
        return masked;
    }

    static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }
}
