package io.vjepastream.ingest.source;

import io.vjepastream.ingest.time.CaptureClock;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Plays a sequence of PNG or JPEG images (an {@code images:} source) as video: image {@code n} has
 * presentation time {@code n / fps}. Each image is scaled to the requested size. With {@code loop=1}
 * the sequence starts again after the last image and presentation time keeps counting.
 */
final class ImageSequenceSource implements VideoSource {
    /** Frames per second when the spec does not say. */
    public static final double DEFAULT_FPS = 10.0;

    private final SourceSpec spec;
    private final List<Path> images;
    private final double fps;
    private final boolean loop;
    private final int width;
    private final int height;
    private final CaptureClock clock;
    private long index;
    private boolean closed;

    /**
     * Lists the images; nothing is decoded yet.
     *
     * @throws SourceException when the directory is missing or holds no images
     */
    public ImageSequenceSource(SourceSpec spec, int width, int height, CaptureClock clock) {
        if (spec.kind() != SourceKind.IMAGES) {
            throw new IllegalArgumentException(spec.uri() + ": not an images: source");
        }
        this.spec = spec;
        this.images = ImageFiles.list(spec);
        this.fps = spec.options().fps().orElse(DEFAULT_FPS);
        this.loop = spec.looped();
        this.width = width;
        this.height = height;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Images in the sequence. */
    public int size() {
        return images.size();
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public boolean finite() {
        return !loop;
    }

    @Override
    public DecodedFrame next() {
        if (closed) {
            throw new SourceException(spec.uri() + ": read after close");
        }
        if (!loop && index >= images.size()) {
            return null;
        }
        Path file = images.get((int) (index % images.size()));
        long pts = Math.round(index * 1_000_000.0 / fps);
        byte[] rgb = scaledRgb(file);
        index++;
        return new DecodedFrame(pts, clock.nowMicros(), width, height, rgb);
    }

    private byte[] scaledRgb(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new SourceException(spec.uri() + ": cannot read image " + file.getFileName() + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new SourceException(spec.uri() + ": " + file.getFileName() + " is not a PNG or JPEG image");
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        byte[] bgr = ((DataBufferByte) scaled.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }

    @Override
    public void close() {
        closed = true;
    }
}
