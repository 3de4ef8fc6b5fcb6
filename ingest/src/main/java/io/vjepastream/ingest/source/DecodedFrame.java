package io.vjepastream.ingest.source;

/**
 * One frame as a source delivers it: packed RGB24 pixels ({@code width * height * 3} bytes, rows top
 * first, no padding) with its presentation time and the wall-clock time it was decoded at. The pixel
 * array is handed over, not copied: nobody writes to it after the frame is made.
 *
 * @param ptsMicros presentation time in the source stream, microseconds
 * @param captureTimeMicros wall-clock time at decode, epoch microseconds
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param rgb packed RGB24 pixels
 */
public record DecodedFrame(long ptsMicros, long captureTimeMicros, int width, int height, byte[] rgb) {
    /** Checks that the pixel array has exactly the size the dimensions say. */
    public DecodedFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive but is " + width + "x" + height);
        }
        if (rgb == null || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("RGB24 frame " + width + "x" + height + " needs "
                    + width * height * 3 + " bytes but has " + (rgb == null ? "none" : rgb.length));
        }
    }
}
