package io.vjepastream.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws energy curves over time as a PNG with Java2D: one panel per series (each on its own
 * vertical scale, so curves of different units can be compared by shape), sharing the time axis,
 * with optional vertical markers (planted anomalies) in every panel and a legend of marker labels.
 */
public final class EnergyPlot {
    private static final int WIDTH = 1200;
    private static final int PANEL = 190;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 56;
    private static final int BOTTOM = 50;

    /**
     * One curve.
     *
     * @param name shown in the panel's corner
     * @param colour line colour
     * @param values one value per x; non-finite values leave a gap
     */
    public record Series(String name, Color colour, double[] values) {
    }

    /**
     * A vertical line at one x.
     *
     * @param x where, in the units of the x values
     * @param label what it marks; markers with one label share a legend entry
     * @param colour line colour
     */
    public record Marker(double x, String label, Color colour) {
    }

    private EnergyPlot() {
    }

    /**
     * Writes the plot; the parent directory must exist.
     *
     * @param png the file to write
     * @param title the line above the panels
     * @param xLabel the label of the shared time axis
     * @param x the x value of every point, ascending
     * @param series at least one curve, each as long as {@code x}
     * @param markers vertical lines; may be empty
     * @throws IOException when the file cannot be written
     */
    public static void write(Path png, String title, String xLabel, double[] x, List<Series> series,
                             List<Marker> markers) throws IOException {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("an energy plot needs at least one series");
        }
        for (Series s : series) {
            if (s.values().length != x.length) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().length
                        + " values but there are " + x.length + " x values");
            }
        }
        int height = TOP + BOTTOM + PANEL * series.size();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, 20);
            double x0 = x.length == 0 ? 0 : x[0];
            double x1 = x.length == 0 ? 1 : Math.max(x[x.length - 1], x0 + 1e-9);
            for (int i = 0; i < series.size(); i++) {
                drawPanel(g, TOP + i * PANEL, x, x0, x1, series.get(i), markers);
            }
            drawTimeAxis(g, height - BOTTOM, x0, x1, xLabel);
            drawLegend(g, markers);
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("cannot write plot " + png + ": no directory " + parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    private static void drawPanel(Graphics2D g, int top, double[] x, double x0, double x1, Series s,
                                  List<Marker> markers) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = PANEL - 30;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : s.values()) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            lo = Double.isFinite(lo) ? lo - 0.5 : 0;
            hi = lo + 1;
        }
        g.setColor(new Color(245, 245, 245));
        g.fillRect(LEFT, top + 10, plotWidth, plotHeight);
        g.setStroke(new BasicStroke(1.2f));
        for (Marker m : markers) {
            int px = LEFT + (int) Math.round((m.x() - x0) / (x1 - x0) * plotWidth);
            g.setColor(m.colour());
            g.drawLine(px, top + 10, px, top + 10 + plotHeight);
        }
        Path2D.Double line = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < x.length; i++) {
            double v = s.values()[i];
            if (!Double.isFinite(v)) {
                pen = false;
                continue;
            }
            double px = LEFT + (x[i] - x0) / (x1 - x0) * plotWidth;
            double py = top + 10 + plotHeight - (v - lo) / (hi - lo) * plotHeight;
            if (pen) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                pen = true;
            }
        }
        g.setColor(s.colour());
        g.setStroke(new BasicStroke(1.5f));
        g.draw(line);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, top + 10, plotWidth, plotHeight);
        g.drawString(s.name(), LEFT + 8, top + 26);
        g.drawString(format(hi), 6, top + 20);
        g.drawString(format(lo), 6, top + 10 + plotHeight);
    }

    private static void drawTimeAxis(Graphics2D g, int y, double x0, double x1, String label) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 10; i++) {
            double v = x0 + (x1 - x0) * i / 10;
            int px = LEFT + plotWidth * i / 10;
            g.drawLine(px, y - 8, px, y - 3);
            g.drawString(format(v), px - 12, y + 10);
        }
        g.drawString(label, LEFT + plotWidth / 2 - 30, y + 28);
    }

    private static void drawLegend(Graphics2D g, List<Marker> markers) {
        Map<String, Color> labels = new LinkedHashMap<>();
        markers.forEach(m -> labels.putIfAbsent(m.label(), m.colour()));
        // Below the title, so a long title never runs into it.
        int px = WIDTH - RIGHT - 130 * labels.size();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Map.Entry<String, Color> e : labels.entrySet()) {
            g.setColor(e.getValue());
            g.fillRect(px, 30, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), px + 20, 42);
            px += 130;
        }
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
