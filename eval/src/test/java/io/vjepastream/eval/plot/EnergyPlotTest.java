package io.vjepastream.eval.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyPlotTest {
    @TempDir
    Path dir;

    @Test
    void drawsEveryPanelAndTheMarkers() throws Exception {
        double[] x = new double[100];
        double[] energy = new double[100];
        double[] other = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.1;
            energy[i] = Math.sin(i / 5.0) + (i == 50 ? 4 : 0);
            other[i] = i == 20 ? Double.NaN : i;
        }
        Color markerColour = new Color(200, 0, 200);
        Path png = dir.resolve("energy.png");
        EnergyPlot.write(png, "energy over time", "seconds", x,
                List.of(new EnergyPlot.Series("model", Color.BLUE, energy), new EnergyPlot.Series("pixels", Color.GRAY, other)),
                List.of(new EnergyPlot.Marker(5.0, "teleport", markerColour)));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(56 + 50 + 2 * 190, image.getHeight(), "two panels");
        assertTrue(count(image, Color.BLUE.getRGB()) > 50, "the curve is drawn");
        assertTrue(count(image, markerColour.getRGB()) > 2 * 100, "the marker crosses both panels");
    }

    @Test
    void refusesASeriesOfAnotherLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyPlot.write(
                dir.resolve("x.png"), "t", "s", new double[3], List.of(new EnergyPlot.Series("short", Color.RED, new double[2])),
                List.of()));
        assertTrue(e.getMessage().contains("short"), e.getMessage());
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
