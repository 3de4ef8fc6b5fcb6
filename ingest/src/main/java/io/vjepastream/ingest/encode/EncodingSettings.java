package io.vjepastream.ingest.encode;

import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import java.util.Objects;

/**
 * How frames are stored in the records ingest produces, and the message size they must fit in.
 *
 * @param encoding RAW (the default: uncompressed rows), PNG (lossless) or JPEG (lossy)
 * @param pixelFormat RGB24 (the default) or GRAY8 (one luma byte per pixel)
 * @param jpegQuality JPEG quality from 1 (smallest) to 100 (best); ignored by RAW and PNG
 * @param maxMessageBytes the largest record the frame-pairs topic accepts ({@code max.message.bytes});
 *        a configuration whose worst-case pair is larger is refused at start
 */
public record EncodingSettings(FrameEncoding encoding, PixelFormat pixelFormat, int jpegQuality, int maxMessageBytes) {
    /** The default topic message limit, 16 MiB, as the bundled broker and topic setup configure it. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** The default JPEG quality. */
    static final int DEFAULT_JPEG_QUALITY = 90;

    /** Checks the values, naming the key, the value and what is allowed. */
    public EncodingSettings {
        Objects.requireNonNull(encoding, "frame encoding");
        Objects.requireNonNull(pixelFormat, "pixel format");
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("invalid ingest config: jpegQuality = " + jpegQuality
                    + "; allowed: an integer from 1 to 100");
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("invalid ingest config: maxMessageBytes = " + maxMessageBytes
                    + "; allowed: a positive number of bytes");
        }
    }

    /** RAW RGB24, JPEG quality {@value #DEFAULT_JPEG_QUALITY}, a 16 MiB message limit. */
    public static EncodingSettings defaults() {
        return new EncodingSettings(FrameEncoding.RAW, PixelFormat.RGB24, DEFAULT_JPEG_QUALITY,
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** The same settings with another encoding. */
    public EncodingSettings withEncoding(FrameEncoding value) {
        return new EncodingSettings(value, pixelFormat, jpegQuality, maxMessageBytes);
    }

    /** The same settings with another pixel format. */
    public EncodingSettings withPixelFormat(PixelFormat value) {
        return new EncodingSettings(encoding, value, jpegQuality, maxMessageBytes);
    }

    /** The same settings with another JPEG quality. */
    EncodingSettings withJpegQuality(int value) {
        return new EncodingSettings(encoding, pixelFormat, value, maxMessageBytes);
    }

    /** The same settings with another message limit. */
    public EncodingSettings withMaxMessageBytes(int value) {
        return new EncodingSettings(encoding, pixelFormat, jpegQuality, value);
    }

    /** Bytes per pixel of the pixel format: 3 for RGB24, 1 for GRAY8. */
    public int channels() {
        return pixelFormat == PixelFormat.GRAY8 ? 1 : 3;
    }
}
