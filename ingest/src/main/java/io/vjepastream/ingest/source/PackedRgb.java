package io.vjepastream.ingest.source;

import java.nio.ByteBuffer;

/**
 * Copies an image whose rows may be padded (FFmpeg aligns each row to its line size) into packed
 * RGB24 bytes with no padding.
 */
final class PackedRgb {
    private PackedRgb() {
    }

    /**
     * The image as {@code width * height * 3} packed bytes.
     *
     * @param image pixel rows starting at index 0 of the buffer, each {@code strideBytes} long
     * @param width image width in pixels
     * @param height image height in pixels
     * @param strideBytes bytes from the start of one row to the start of the next
     * @throws IllegalArgumentException when the stride is shorter than a row or the buffer too small
     */
    public static byte[] copy(ByteBuffer image, int width, int height, int strideBytes) {
        int rowBytes = width * 3;
        if (strideBytes < rowBytes) {
            throw new IllegalArgumentException("row stride " + strideBytes + " is shorter than an RGB24 row of "
                    + width + " pixels (" + rowBytes + " bytes)");
        }
        long needed = (long) (height - 1) * strideBytes + rowBytes;
        if (image.limit() < needed) {
            throw new IllegalArgumentException("image buffer holds " + image.limit() + " bytes but " + width + "x"
                    + height + " with stride " + strideBytes + " needs " + needed);
        }
        byte[] packed = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            image.get(y * strideBytes, packed, y * rowBytes, rowBytes);
        }
        return packed;
    }
}
