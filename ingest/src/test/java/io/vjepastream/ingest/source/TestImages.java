package io.vjepastream.ingest.source;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes numbered solid-colour images for image-sequence tests. */
public final class TestImages {
    private TestImages() {
    }

    /** {@code count} 40 x 30 images {@code frame_000.png, ...}: red {@code 20 i}, green 100, blue 200. */
    public static void write(Path dir, int count) throws Exception {
        write(dir, count, "png");
    }

    /** As {@link #write(Path, int)} in {@code png} or {@code jpeg} (written as {@code .jpg}). */
    public static void write(Path dir, int count, String format) throws Exception {
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(20 * i, 100, 200));
            g.fillRect(0, 0, 40, 30);
            g.dispose();
            String ext = format.equals("jpeg") ? "jpg" : format;
            ImageIO.write(image, format, dir.resolve(String.format("frame_%03d.%s", i, ext)).toFile());
        }
    }
}
