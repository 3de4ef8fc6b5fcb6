package io.vjepastream.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The world of a synthetic clip: coloured squares and discs on a dark background, each moving at a
 * constant velocity and bouncing off the walls. Positions are computed in closed form from the time,
 * so frame {@code n} is the same whichever frames were rendered before it, and the same seed always
 * gives the same clip.
 */
public final class SyntheticScene {
    /** The shape an object is drawn as. */
    public enum Shape { SQUARE, DISC }

    /**
     * Where an object is at one instant: its bounding box, top-left corner and side in pixels.
     *
     * @param shape square or disc
     * @param x left edge in pixels
     * @param y top edge in pixels
     * @param size side of the bounding box in pixels
     * @param rgb colour as 0xRRGGBB
     */
    public record Placement(Shape shape, double x, double y, double size, int rgb) {
    }

    private record Mover(Shape shape, double size, double x0, double y0, double vx, double vy, int rgb) {
    }

    private final int width;
    private final int height;
    private final List<Mover> movers;

    /**
     * @param width frame width in pixels
     * @param height frame height in pixels
     * @param objects how many objects move in the scene
     * @param seed fixes every random choice
     */
    public SyntheticScene(int width, int height, int objects, long seed) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("synthetic frame size must be positive but is " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        SplittableRandom random = new SplittableRandom(seed);
        int side = Math.min(width, height);
        List<Mover> list = new ArrayList<>(objects);
        for (int i = 0; i < objects; i++) {
            double size = Math.max(2.0, side * (0.10 + 0.12 * random.nextDouble()));
            size = Math.min(size, side);
            double speed = side * (0.25 + 0.35 * random.nextDouble());
            double angle = random.nextDouble() * 2 * Math.PI;
            Shape shape = random.nextBoolean() ? Shape.SQUARE : Shape.DISC;
            // Evenly spaced hues keep objects apart in colour; the offset varies by seed.
            double hue = (i / (double) Math.max(1, objects) + random.nextDouble() * 0.15) % 1.0;
            list.add(new Mover(shape, size, random.nextDouble() * (width - size), random.nextDouble() * (height - size),
                    speed * Math.cos(angle), speed * Math.sin(angle), hsvToRgb(hue, 0.85, 0.95)));
        }
        this.movers = List.copyOf(list);
    }

    /** Where every object is at time {@code seconds}, in drawing order. */
    public List<Placement> at(double seconds) {
        List<Placement> out = new ArrayList<>(movers.size());
        for (Mover m : movers) {
            double x = bounce(m.x0() + m.vx() * seconds, width - m.size());
            double y = bounce(m.y0() + m.vy() * seconds, height - m.size());
            out.add(new Placement(m.shape(), x, y, m.size(), m.rgb()));
        }
        return out;
    }

    /** The frame at time {@code seconds} as packed RGB24. */
    public byte[] render(double seconds) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            // A faint vertical gradient, so the background is not one flat value.
            int shade = 14 + (18 * y) / height;
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) shade;
                rgb[i + 1] = (byte) shade;
                rgb[i + 2] = (byte) (shade + 8);
            }
        }
        for (Placement p : at(seconds)) {
            draw(p, rgb);
        }
        return rgb;
    }

    private void draw(Placement p, byte[] rgb) {
        int x0 = Math.max(0, (int) Math.floor(p.x()));
        int y0 = Math.max(0, (int) Math.floor(p.y()));
        int x1 = Math.min(width, (int) Math.ceil(p.x() + p.size()));
        int y1 = Math.min(height, (int) Math.ceil(p.y() + p.size()));
        double radius = p.size() / 2;
        double cx = p.x() + radius;
        double cy = p.y() + radius;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                boolean inside = p.shape() == Shape.SQUARE
                        ? px >= p.x() && px < p.x() + p.size() && py >= p.y() && py < p.y() + p.size()
                        : (px - cx) * (px - cx) + (py - cy) * (py - cy) <= radius * radius;
                if (inside) {
                    int i = (y * width + x) * 3;
                    rgb[i] = (byte) (p.rgb() >> 16);
                    rgb[i + 1] = (byte) (p.rgb() >> 8);
                    rgb[i + 2] = (byte) p.rgb();
                }
            }
        }
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

    private static int hsvToRgb(double hue, double saturation, double value) {
        double h = hue * 6;
        int sector = (int) Math.floor(h) % 6;
        double f = h - Math.floor(h);
        double p = value * (1 - saturation);
        double q = value * (1 - f * saturation);
        double t = value * (1 - (1 - f) * saturation);
        double[] rgb = switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
        return (int) Math.round(rgb[0] * 255) << 16 | (int) Math.round(rgb[1] * 255) << 8 | (int) Math.round(rgb[2] * 255);
    }
}
