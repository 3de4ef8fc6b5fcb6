package io.vjepastream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FramePixelsTest {

    @Test
    void rawRgbPassesThrough() {
        Frame frame = SampleRecords.frame(5, 4, 3);
        byte[] rgb = FramePixels.rgb24(frame);
        assertArrayEquals(frame.getData().array(), rgb);
    }

    @Test
    void grayIsExpandedToThreeChannels() {
        Frame frame = raw(2, 1, PixelFormat.GRAY8, new byte[] {10, (byte) 200});
        assertArrayEquals(new byte[] {10, 10, 10, (byte) 200, (byte) 200, (byte) 200}, FramePixels.rgb24(frame));
    }

    @Test
    void wrongRawSizeIsRefusedWithTheNumbers() {
        Frame frame = raw(4, 4, PixelFormat.RGB24, new byte[10]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FramePixels.rgb24(frame));
        assertTrue(e.getMessage().contains("needs 48 bytes but has 10"), e.getMessage());
    }

    @Test
    void pngIsDecoded() throws IOException {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x00FF00);
        image.setRGB(0, 1, 0x0000FF);
        image.setRGB(1, 1, 0x102030);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Frame frame = Frame.newBuilder(raw(2, 2, PixelFormat.RGB24, png.toByteArray()))
                .setEncoding(FrameEncoding.PNG).build();
        byte[] rgb = FramePixels.rgb24(frame);
        assertArrayEquals(new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0x10, 0x20, 0x30}, rgb);
    }

    @Test
    void undecodableImageIsRefused() {
        Frame frame = Frame.newBuilder(raw(2, 2, PixelFormat.RGB24, new byte[] {1, 2, 3}))
                .setEncoding(FrameEncoding.JPEG).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FramePixels.rgb24(frame));
        assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
    }

    @Test
    void framesOfARoleAreCheckedAgainstTheModelSize() {
        java.util.List<byte[]> rgb = FramePixels.rgb24(java.util.List.of(SampleRecords.frame(1, 4, 4),
                SampleRecords.frame(2, 4, 4)), "context", 4);
        assertEquals(2, rgb.size());
        assertEquals(48, rgb.get(1).length);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FramePixels.rgb24(
                java.util.List.of(SampleRecords.frame(1, 4, 4), SampleRecords.frame(2, 8, 2)), "context", 4));
        assertEquals("context frame 1 is 8x2; the model takes 4x4", e.getMessage());

        Frame broken = raw(4, 4, PixelFormat.RGB24, new byte[3]);
        e = assertThrows(IllegalArgumentException.class,
                () -> FramePixels.rgb24(java.util.List.of(broken), "target", 4));
        assertTrue(e.getMessage().startsWith("target frame 0: RAW RGB24 frame 4x4 needs 48 bytes"), e.getMessage());
    }

    @Test
    void readingDoesNotConsumeTheRecordBuffer() {
        Frame frame = SampleRecords.frame(1, 2, 2);
        FramePixels.rgb24(frame);
        assertEquals(12, frame.getData().remaining());
    }

    private static Frame raw(int width, int height, PixelFormat format, byte[] data) {
        return Frame.newBuilder()
                .setPtsMicros(0).setCaptureTimeMicros(0).setWidth(width).setHeight(height)
                .setPixelFormat(format).setEncoding(FrameEncoding.RAW).setData(ByteBuffer.wrap(data))
                .build();
    }
}
