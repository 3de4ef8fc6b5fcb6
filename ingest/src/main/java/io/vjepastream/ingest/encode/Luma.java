package io.vjepastream.ingest.encode;

/** RGB24 to GRAY8 with the BT.601 luma weights that FFmpeg and JPEG use. */
final class Luma {
    private Luma() {
    }

    /** One luma byte per pixel of packed RGB24 {@code rgb}. */
    public static byte[] gray8(byte[] rgb) {
        byte[] gray = new byte[rgb.length / 3];
        for (int i = 0, j = 0; i < gray.length; i++, j += 3) {
            int r = rgb[j] & 0xFF;
            int g = rgb[j + 1] & 0xFF;
            int b = rgb[j + 2] & 0xFF;
            // 0.299, 0.587, 0.114 in 16-bit fixed point, rounded.
            gray[i] = (byte) ((19595 * r + 38470 * g + 7471 * b + 32768) >>> 16);
        }
        return gray;
    }
}
