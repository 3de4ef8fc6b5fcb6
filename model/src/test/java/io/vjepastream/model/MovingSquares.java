package io.vjepastream.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated test video: a coloured square moving at a constant velocity over a dark, slightly
 * noisy background. Frames are packed RGB24; context frames are times 0..C-1, targets C..C+T-1.
 */
final class MovingSquares {
    private final JepaConfig config;
    private final Random random;

    MovingSquares(JepaConfig config, long seed) {
        this.config = config;
        this.random = new Random(seed);
    }

    List<PairSample> batch(int size) {
        List<PairSample> pairs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pairs.add(pair());
        }
        return pairs;
    }

    PairSample pair() {
        int side = config.imageSize();
        int square = Math.max(2, side / 4);
        int x = random.nextInt(side - square);
        int y = random.nextInt(side - square);
        int vx = random.nextInt(7) - 3;
        int vy = random.nextInt(7) - 3;
        int[] colour = {64 + random.nextInt(192), 64 + random.nextInt(192), 64 + random.nextInt(192)};
        List<byte[]> context = new ArrayList<>();
        List<byte[]> target = new ArrayList<>();
        int frames = config.contextFrames() + config.targetFrames();
        for (int t = 0; t < frames; t++) {
            byte[] frame = frame(x + vx * t, y + vy * t, square, colour);
            (t < config.contextFrames() ? context : target).add(frame);
        }
        return new PairSample(context, target);
    }

    private byte[] frame(int left, int top, int square, int[] colour) {
        int side = config.imageSize();
        byte[] rgb = new byte[config.frameBytes()];
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                boolean inside = row >= top && row < top + square && col >= left && col < left + square;
                for (int c = 0; c < 3; c++) {
                    int value = inside ? colour[c] : 16 + random.nextInt(8);
                    rgb[(row * side + col) * 3 + c] = (byte) value;
                }
            }
        }
        return rgb;
    }
}
