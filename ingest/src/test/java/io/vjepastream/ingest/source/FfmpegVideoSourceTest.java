package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.TestVideos;
import io.vjepastream.ingest.time.CaptureClock;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FfmpegVideoSourceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static List<DecodedFrame> decodeAll(Path file, int width, int height, int limit) {
        List<DecodedFrame> frames = new ArrayList<>();
        SourceSpec spec = SourceSpec.parse(file.toString());
        try (FfmpegVideoSource source = FfmpegVideoSource.open(spec, width, height, TIMEOUT, CaptureClock.system())) {
            assertTrue(source.finite(), "a file is finite");
            DecodedFrame frame;
            while (frames.size() < limit && (frame = source.next()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    @Test
    void decodesTheCarVideoAtModelResolution() {
        List<DecodedFrame> frames = decodeAll(TestVideos.video("car-detection.mp4"), 64, 64, Integer.MAX_VALUE);

        // 12.5 fps for 30 s.
        assertTrue(frames.size() >= 360 && frames.size() <= 390, "frame count " + frames.size());
        long previousPts = Long.MIN_VALUE;
        long previousCapture = Long.MIN_VALUE;
        for (DecodedFrame f : frames) {
            assertEquals(64 * 64 * 3, f.rgb().length);
            assertTrue(f.ptsMicros() > previousPts, "pts must strictly increase: " + previousPts + " -> " + f.ptsMicros());
            assertTrue(f.captureTimeMicros() >= previousCapture, "capture time must not go backwards");
            previousPts = f.ptsMicros();
            previousCapture = f.captureTimeMicros();
        }
        long span = frames.get(frames.size() - 1).ptsMicros() - frames.get(0).ptsMicros();
        assertTrue(span > 28_000_000L && span < 31_000_000L, "pts span " + span);
        assertTrue(distinctValues(frames.get(frames.size() / 2).rgb()) > 50, "real content has many pixel values");
    }

    @Test
    void packedRowsHaveNoPaddingAtAnOddWidth() throws Exception {
        Path video = TestVideos.video("car-detection.mp4");
        // 50 px * 3 = 150 bytes a row, which FFmpeg pads to its alignment (192 bytes on this build).
        DecodedFrame frame = decodeAll(video, 50, 30, 40).get(39);
        assertEquals(50 * 30 * 3, frame.rgb().length);

        // Reference: the same frame through JavaCV's own stride-aware converter.
        WritableRaster reference;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setImageWidth(50);
            grabber.setImageHeight(30);
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.setImageScalingFlags(swscale.SWS_AREA);
            grabber.start();
            Frame raw = null;
            for (int i = 0; i < 40; i++) {
                raw = grabber.grabImage();
            }
            assertTrue(raw.imageStride > 150, "this check needs padded rows, stride is " + raw.imageStride);
            reference = converter.getBufferedImage(raw).getRaster();
        }
        int[] px = new int[3];
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 50; x++) {
                reference.getPixel(x, y, px);
                int i = (y * 50 + x) * 3;
                // The converter reads the bytes as BGR: its band 0 is our byte 2.
                assertEquals(px[2], frame.rgb()[i] & 0xFF, "R at " + x + "," + y);
                assertEquals(px[1], frame.rgb()[i + 1] & 0xFF, "G at " + x + "," + y);
                assertEquals(px[0], frame.rgb()[i + 2] & 0xFF, "B at " + x + "," + y);
            }
        }
        // And the right-most column looks like its neighbour, not like padding.
        double edge = 0;
        double interior = 0;
        for (int y = 0; y < 30; y++) {
            edge += Math.abs(luma(frame, 49, y) - luma(frame, 48, y));
            for (int x = 1; x < 49; x++) {
                interior += Math.abs(luma(frame, x, y) - luma(frame, x - 1, y)) / 48.0;
            }
        }
        assertTrue(edge <= 4 * interior + 30 * 4, "last column differs by " + edge / 30 + " on average against "
                + interior / 30 + " inside");
    }

    @Test
    void decodesMatroskaWithoutDuration() {
        List<DecodedFrame> frames = decodeAll(TestVideos.video("asl-walk.mkv"), 64, 64, Integer.MAX_VALUE);
        assertTrue(frames.size() >= 30, "about 2 s at 30 fps, got " + frames.size());
        for (int i = 1; i < frames.size(); i++) {
            assertTrue(frames.get(i).ptsMicros() > frames.get(i - 1).ptsMicros(), "pts increase at frame " + i);
        }
        assertTrue(distinctValues(frames.get(0).rgb()) > 50);
    }

    @Test
    void missingFileNamesTheFile(@TempDir Path dir) {
        SourceSpec spec = SourceSpec.parse(dir.resolve("nothere.mp4").toString());
        SourceException e = assertThrows(SourceException.class,
                () -> FfmpegVideoSource.open(spec, 64, 64, TIMEOUT, CaptureClock.system()));
        assertTrue(e.getMessage().startsWith("nothere.mp4: no such file"), e.getMessage());
    }

    @Test
    void textFileNamedMp4IsRejectedWithItsName(@TempDir Path dir) throws IOException {
        Path fake = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
        SourceSpec spec = SourceSpec.parse(fake.toString());
        SourceException e = assertThrows(SourceException.class,
                () -> FfmpegVideoSource.open(spec, 64, 64, TIMEOUT, CaptureClock.system()));
        assertTrue(e.getMessage().startsWith("notes.mp4"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot open as video"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void readAfterEndKeepsReturningNull() {
        Path video = TestVideos.video("asl-walk.mkv");
        try (FfmpegVideoSource source = FfmpegVideoSource.open(SourceSpec.parse(video.toString()), 32, 32, TIMEOUT,
                CaptureClock.system())) {
            int n = 0;
            while (source.next() != null) {
                n++;
            }
            assertEquals(n, source.framesRead());
            assertNull(source.next());
        }
    }

    @Test
    @Timeout(60)
    void silentNetworkPeerTimesOutInsteadOfHanging() throws IOException {
        // A server that accepts the connection and then never answers.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SourceSpec spec = SourceSpec.parse("cam=rtsp://127.0.0.1:" + server.getLocalPort() + "/stream");
            SourceException e = assertThrows(SourceException.class,
                    () -> FfmpegVideoSource.open(spec, 64, 64, Duration.ofSeconds(1), CaptureClock.system()));
            assertTrue(e.getMessage().startsWith(spec.uri() + ": cannot open as video"), e.getMessage());
        }
    }

    private static int luma(DecodedFrame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return (299 * (f.rgb()[i] & 0xFF) + 587 * (f.rgb()[i + 1] & 0xFF) + 114 * (f.rgb()[i + 2] & 0xFF)) / 1000;
    }

    private static int distinctValues(byte[] rgb) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (byte b : rgb) {
            if (!seen[b & 0xFF]) {
                seen[b & 0xFF] = true;
                n++;
            }
        }
        return n;
    }
}
