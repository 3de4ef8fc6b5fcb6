package io.vjepastream.ingest.source;

import io.vjepastream.ingest.source.SyntheticScene.Placement;
import io.vjepastream.ingest.source.SyntheticScene.Shape;
import java.util.List;

/** Paints a synthetic scene's objects as packed RGB24 on its dark, faintly graded background. */
final class SceneCanvas {
    private SceneCanvas() {
    }

    /** A {@code width x height} frame with {@code placements} drawn in order, later ones on top. */
    static byte[] paint(int width, int height, List<Placement> placements) {
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
        for (Placement p : placements) {
            draw(p, rgb, width, height);
        }
        return rgb;
    }

    private static void draw(Placement p, byte[] rgb, int width, int height) {
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

    /** An RGB colour, 0xRRGGBB, from hue, saturation and value in [0, 1]. */
    static int hsvToRgb(double hue, double saturation, double value) {
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
