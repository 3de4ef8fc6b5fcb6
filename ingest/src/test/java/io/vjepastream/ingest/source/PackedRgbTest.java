package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PackedRgbTest {
    @Test
    void dropsRowPadding() {
        int width = 3;
        int height = 2;
        int stride = 16;
        ByteBuffer padded = ByteBuffer.allocate(stride * height);
        for (int y = 0; y < height; y++) {
            for (int b = 0; b < stride; b++) {
                // Pixel bytes count up from 1; padding is 0x7F so it shows if it leaks.
                padded.put(y * stride + b, b < width * 3 ? (byte) (1 + y * width * 3 + b) : (byte) 0x7F);
            }
        }
        byte[] expected = new byte[width * height * 3];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i + 1);
        }
        assertArrayEquals(expected, PackedRgb.copy(padded, width, height, stride));
    }

    @Test
    void lastRowNeedsNoPadding() {
        // FFmpeg buffers may end right after the last row's pixels.
        ByteBuffer tight = ByteBuffer.allocate(8 + 6);
        tight.put(8, (byte) 9);
        byte[] packed = PackedRgb.copy(tight, 2, 2, 8);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0}, packed);
    }

    @Test
    void rejectsShortStrideAndShortBuffer() {
        assertThrows(IllegalArgumentException.class, () -> PackedRgb.copy(ByteBuffer.allocate(100), 10, 2, 20));
        assertThrows(IllegalArgumentException.class, () -> PackedRgb.copy(ByteBuffer.allocate(40), 10, 2, 32));
    }
}
