package io.vjepastream.ingest.source;

import io.vjepastream.ingest.source.SyntheticScene.Placement;
import io.vjepastream.ingest.source.SyntheticScene.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One object of a {@link SyntheticScene} as the rule has it: a shape of one size and hue that starts at
 * {@code (x0, y0)} and moves at {@code (vx, vy)} pixels a second, bouncing off the walls.
 */
record Mover(Shape shape, double size, double x0, double y0, double vx, double vy, double hue) {
    /** The objects of a scene of {@code width x height} pixels, drawn from the settings' seed and look. */
    static List<Mover> all(int width, int height, SyntheticSettings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int objects = settings.objects();
        int side = Math.min(width, height);
        List<Mover> list = new ArrayList<>(objects);
        ObjectRanges look = settings.look();
        for (int i = 0; i < objects; i++) {
            double size = Math.max(2.0, side * (0.10 + 0.12 * random.nextDouble()) * look.sizeScale());
            size = Math.min(size, side);
            double speed = side * (0.25 + 0.35 * random.nextDouble()) * look.speedScale();
            double angle = random.nextDouble() * 2 * Math.PI;
            Shape shape = random.nextBoolean() ? Shape.SQUARE : Shape.DISC;
            // Evenly spaced hues keep objects apart in colour; the offset varies by seed.
            double hue = look.hue((i / (double) Math.max(1, objects) + random.nextDouble() * 0.15) % 1.0);
            list.add(new Mover(shape, size, random.nextDouble() * (width - size), random.nextDouble() * (height - size),
                    speed * Math.cos(angle), speed * Math.sin(angle), hue));
        }
        return List.copyOf(list);
    }

    /**
     * Where the object is after {@code seconds} of its own motion, displaced by {@code (dx, dy)} in unfolded
     * coordinates (the teleports so far), in the opposite hue when {@code flipped}.
     */
    Placement place(double seconds, double dx, double dy, boolean flipped, int width, int height) {
        double x = bounce(x0 + vx * seconds + dx, width - size);
        double y = bounce(y0 + vy * seconds + dy, height - size);
        double shown = flipped ? (hue + 0.5) % 1.0 : hue;
        return new Placement(shape, x, y, size, SceneCanvas.hsvToRgb(shown, 0.85, 0.95));
    }

    /** Folds an unbounded coordinate into [0, range] as a ball bouncing between two walls would. */
    private static double bounce(double position, double range) {
        if (range <= 0) {
            return 0;
        }
        double period = 2 * range;
        double m = position % period;
        if (m < 0) {
            m += period;
        }
        return m <= range ? m : period - m;
    }
}
