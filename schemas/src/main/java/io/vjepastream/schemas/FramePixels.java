package io.vjepastream.schemas;

import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Turns a {@link Frame} record, whatever its encoding and pixel format, into packed RGB24 bytes. */
public final class FramePixels {
    private FramePixels() {
    }

    /**
     * The frame as RGB24: {@code width * height * 3} bytes, rows top first, no padding.
     *
     * @throws IllegalArgumentException when the data does not match the declared size or cannot be decoded
     */
    public static byte[] rgb24(Frame frame) {
        byte[] data = bytes(frame.getData());
        int width = frame.getWidth();
        int height = frame.getHeight();
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame has no size: " + width + "x" + height);
        }
        if (frame.getEncoding() == FrameEncoding.RAW) {
            return fromRaw(data, width, height, frame.getPixelFormat());
        }
        return fromImage(data, width, height, frame.getEncoding());
    }

    /**
     * Several frames of one role in a pair ("context", "target") as RGB24, each checked to be
     * {@code size} x {@code size} pixels.
     *
     * @throws IllegalArgumentException naming the role and index of the first frame that is of another
     *         size or cannot be decoded
     */
    public static List<byte[]> rgb24(List<Frame> frames, String role, int size) {
        List<byte[]> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            if (frame.getWidth() != size || frame.getHeight() != size) {
                throw new IllegalArgumentException(role + " frame " + i + " is " + frame.getWidth() + "x"
                        + frame.getHeight() + "; the model takes " + size + "x" + size);
            }
            try {
                out.add(rgb24(frame));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(role + " frame " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Packed RGB24 pixels ({@code width * height * 3} bytes, rows top first) as an image, the inverse of
     * {@link #rgb24(Frame)}'s decoding, for image writers.
     */
    public static BufferedImage image(byte[] rgb, int width, int height) {
        BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < target.length; i += 3) {
            target[i] = rgb[i + 2];
            target[i + 1] = rgb[i + 1];
            target[i + 2] = rgb[i];
        }
        return bgr;
    }

    private static byte[] fromRaw(byte[] data, int width, int height, PixelFormat format) {
        int pixels = width * height;
        int channels = format == PixelFormat.GRAY8 ? 1 : 3;
        if (data.length != pixels * channels) {
            throw new IllegalArgumentException("RAW " + format + " frame " + width + "x" + height + " needs "
                    + pixels * channels + " bytes but has " + data.length);
        }
        if (channels == 3) {
            return data;
        }
        byte[] rgb = new byte[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            rgb[3 * i] = data[i];
            rgb[3 * i + 1] = data[i];
            rgb[3 * i + 2] = data[i];
        }
        return rgb;
    }

    private static byte[] fromImage(byte[] data, int width, int height, FrameEncoding encoding) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot decode " + encoding + " frame: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("cannot decode " + encoding + " frame: not a readable image");
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException(encoding + " frame is " + image.getWidth() + "x" + image.getHeight()
                    + " but declares " + width + "x" + height);
        }
        byte[] rgb = new byte[width * height * 3];
        if (image.getRaster().getNumBands() == 1) {
            // Gray images: getRGB would convert the linear gray colour space to sRGB and brighten every pixel.
            int[] gray = image.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
            for (int p = 0; p < gray.length; p++) {
                byte v = (byte) gray[p];
                rgb[3 * p] = v;
                rgb[3 * p + 1] = v;
                rgb[3 * p + 2] = v;
            }
            return rgb;
        }
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                rgb[i++] = (byte) (argb >> 16);
                rgb[i++] = (byte) (argb >> 8);
                rgb[i++] = (byte) argb;
            }
        }
        return rgb;
    }

    /** A copy of the buffer's remaining bytes; the buffer's position is left as it was. */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
