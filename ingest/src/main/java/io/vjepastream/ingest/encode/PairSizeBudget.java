package io.vjepastream.ingest.encode;

/**
 * The largest a frame-pair record can get, computed from the configuration alone, so that a
 * configuration the topic cannot take is refused at start rather than by the broker later. The
 * bounds are deliberately pessimistic:
 * <ul>
 *   <li>RAW: exactly {@code width * height * channels} bytes.</li>
 *   <li>PNG: incompressible pixels stored as they are, plus a filter byte per row, 1% for deflate and
 *       chunk framing, and 1 KiB of headers.</li>
 *   <li>JPEG: 4 bytes per sample, above the baseline Huffman code's ceiling of about 3.4 (noise at
 *       quality 100 measures about 1.5), plus 2 KiB of headers and tables.</li>
 * </ul>
 * A pair adds per frame up to 40 bytes of Avro fields, the two mask bit sets, the single-object
 * header, and {@value #TEXT_ALLOWANCE_BYTES} bytes for stream id, source URI, action vector and the
 * Kafka record's own framing.
 */
public final class PairSizeBudget {
    /** Bytes allowed for the variable-length text, the action vector and Kafka's record framing. */
    static final int TEXT_ALLOWANCE_BYTES = 64 * 1024;
    private static final int FRAME_FIELDS_BYTES = 40;
    private static final int PAIR_FIELDS_BYTES = 64;

    private PairSizeBudget() {
    }

    /** The most bytes one encoded frame of this size can take. */
    static long worstCaseFrameBytes(EncodingSettings settings, int width, int height) {
        long samples = (long) width * height * settings.channels();
        return switch (settings.encoding()) {
            case RAW -> samples;
            case PNG -> (long) Math.ceil((samples + height) * 1.01) + 1024;
            case JPEG -> samples * 4 + 2048;
        };
    }

    /**
     * The most bytes one pair record can take.
     *
     * @param frames context plus target frames in a pair
     * @param imageSize frame width and height in pixels
     * @param patchSize token patch side, for the mask bit sets
     */
    static long worstCasePairBytes(EncodingSettings settings, int frames, int imageSize, int patchSize) {
        long grid = imageSize / patchSize;
        long maskBytes = 2 * ((frames * grid * grid + 7) / 8 + 5);
        long perFrame = worstCaseFrameBytes(settings, imageSize, imageSize) + FRAME_FIELDS_BYTES;
        return frames * perFrame + maskBytes + PAIR_FIELDS_BYTES + TEXT_ALLOWANCE_BYTES;
    }

    /**
     * Refuses a configuration whose worst-case pair exceeds the message limit.
     *
     * @throws IllegalArgumentException with the worst-case size, what it is made of and the limit
     */
    public static void check(EncodingSettings settings, int frames, int imageSize, int patchSize) {
        long worst = worstCasePairBytes(settings, frames, imageSize, patchSize);
        if (worst > settings.maxMessageBytes()) {
            throw new IllegalArgumentException("invalid ingest config: a frame pair of " + frames + " frames "
                    + imageSize + "x" + imageSize + " " + settings.pixelFormat() + " " + settings.encoding()
                    + " can take up to " + worst + " bytes (" + worstCaseFrameBytes(settings, imageSize, imageSize)
                    + " per frame) but maxMessageBytes = " + settings.maxMessageBytes()
                    + "; allowed: a smaller imageSize, fewer contextFrames, GRAY8, or a topic with a "
                    + "larger max.message.bytes and maxMessageBytes raised to match");
        }
    }
}
