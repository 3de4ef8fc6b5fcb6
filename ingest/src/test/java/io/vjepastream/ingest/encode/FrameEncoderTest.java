package io.vjepastream.ingest.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.FramePixels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every encoding and pixel format, read back through the decoder the trainer and embedder use. */
class FrameEncoderTest {
    private static final int W = 48;
    private static final int H = 32;

    /** Smooth colour gradients with a little texture, like a downscaled camera frame. */
    static DecodedFrame gradient() {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 3 * (y * W + x);
                rgb[i] = (byte) (x * 5);
                rgb[i + 1] = (byte) (y * 7);
                rgb[i + 2] = (byte) (128 + ((x + y) % 4) * 8);
            }
        }
        return new DecodedFrame(40_000L, 1_700_000_000_000_000L, W, H, rgb);
    }

    static DecodedFrame noise(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) random.nextInt(256);
        }
        return new DecodedFrame(0, 0, width, height, rgb);
    }

    private static Frame encode(FrameEncoding encoding, PixelFormat format, int quality, DecodedFrame frame) {
        return FrameEncoder.of(EncodingSettings.defaults().withEncoding(encoding).withPixelFormat(format)
                .withJpegQuality(quality)).encode(frame);
    }

    private static byte[] grayAsRgb(byte[] rgb) {
        byte[] gray = Luma.gray8(rgb);
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < gray.length; i++) {
            out[3 * i] = gray[i];
            out[3 * i + 1] = gray[i];
            out[3 * i + 2] = gray[i];
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(FrameEncoding.class)
    void recordsCarryTheFramesTimesSizeAndFormat(FrameEncoding encoding) {
        DecodedFrame frame = gradient();
        Frame record = encode(encoding, PixelFormat.RGB24, 90, frame);
        assertEquals(encoding, record.getEncoding());
        assertEquals(PixelFormat.RGB24, record.getPixelFormat());
        assertEquals(W, record.getWidth());
        assertEquals(H, record.getHeight());
        assertEquals(40_000L, record.getPtsMicros());
        assertEquals(1_700_000_000_000_000L, record.getCaptureTimeMicros());
    }

    @Test
    void rawRgbSharesThePixelsAndRawGrayStoresLuma() {
        DecodedFrame frame = gradient();
        Frame rgb = encode(FrameEncoding.RAW, PixelFormat.RGB24, 90, frame);
        assertSame(frame.rgb(), rgb.getData().array(), "RAW RGB24 needs no copy");
        assertArrayEquals(frame.rgb(), FramePixels.rgb24(rgb));

        Frame gray = encode(FrameEncoding.RAW, PixelFormat.GRAY8, 90, frame);
        assertEquals(W * H, gray.getData().remaining());
        assertArrayEquals(grayAsRgb(frame.rgb()), FramePixels.rgb24(gray));
    }

    @Test
    void pngIsLosslessInBothFormats() {
        DecodedFrame frame = gradient();
        assertArrayEquals(frame.rgb(), FramePixels.rgb24(encode(FrameEncoding.PNG, PixelFormat.RGB24, 90, frame)));
        DecodedFrame random = noise(W, H, 3);
        assertArrayEquals(random.rgb(), FramePixels.rgb24(encode(FrameEncoding.PNG, PixelFormat.RGB24, 90, random)));
        assertArrayEquals(grayAsRgb(frame.rgb()), FramePixels.rgb24(encode(FrameEncoding.PNG, PixelFormat.GRAY8, 90,
                frame)));
    }

    @Test
    void jpegIsCloseAndQualityTradesSizeForError() {
        DecodedFrame frame = gradient();
        Frame best = encode(FrameEncoding.JPEG, PixelFormat.RGB24, 95, frame);
        Frame small = encode(FrameEncoding.JPEG, PixelFormat.RGB24, 20, frame);
        double bestError = meanAbsoluteError(frame.rgb(), FramePixels.rgb24(best));
        double smallError = meanAbsoluteError(frame.rgb(), FramePixels.rgb24(small));
        assertTrue(bestError < 4, "quality 95 error " + bestError);
        assertTrue(smallError > bestError, "quality 20 error " + smallError + " vs 95 " + bestError);
        assertTrue(small.getData().remaining() < best.getData().remaining());

        Frame gray = encode(FrameEncoding.JPEG, PixelFormat.GRAY8, 95, frame);
        double grayError = meanAbsoluteError(grayAsRgb(frame.rgb()), FramePixels.rgb24(gray));
        assertTrue(grayError < 4, "gray quality 95 error " + grayError);
    }

    private static double meanAbsoluteError(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }
}
