package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.time.CaptureClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files in every container the issue names, looping, and the ways a file can be bad. */
class ContainerFormatsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ParameterizedTest
    @CsvSource({"clip.mp4,mp4,MPEG4", "clip.mkv,matroska,MPEG4", "clip.avi,avi,MPEG4", "clip.webm,webm,VP8",
        "clip.mov,mov,MPEG4", "clip.ts,mpegts,MPEG2VIDEO"})
    void decodesEveryContainer(String name, String format, String codec, @TempDir Path dir) throws Exception {
        int id = switch (codec) {
            case "VP8" -> avcodec.AV_CODEC_ID_VP8;
            case "MPEG2VIDEO" -> avcodec.AV_CODEC_ID_MPEG2VIDEO;
            default -> avcodec.AV_CODEC_ID_MPEG4;
        };
        Path clip = TestClips.file(dir.resolve(name), format, id, 20);
        try (VideoSource source = VideoSources.open(SourceSpec.parse(clip.toString()), 32, 32, TIMEOUT,
                CaptureClock.system())) {
            int n = 0;
            long last = Long.MIN_VALUE;
            DecodedFrame frame;
            while ((frame = source.next()) != null) {
                assertTrue(frame.ptsMicros() > last, name + ": pts increase");
                last = frame.ptsMicros();
                n++;
            }
            assertEquals(20, n, name + " frames");
            assertNull(source.warning(), name + " is complete");
        }
    }

    @Test
    void loopStartsAgainWithTimeStillRising(@TempDir Path dir) throws Exception {
        Path clip = TestClips.file(dir.resolve("short.mkv"), "matroska", avcodec.AV_CODEC_ID_MPEG4, 5);
        try (VideoSource source = VideoSources.open(SourceSpec.parse(clip + "?loop=1"), 16, 16, TIMEOUT,
                CaptureClock.system())) {
            assertFalse(source.finite());
            long last = Long.MIN_VALUE;
            for (int i = 0; i < 17; i++) {
                DecodedFrame frame = source.next();
                assertTrue(frame.ptsMicros() > last, "pts increase at frame " + i);
                if (i % 5 == 0 && i > 0) {
                    assertEquals(40_000L, frame.ptsMicros() - last, 2_000L, "one frame interval across the seam");
                }
                last = frame.ptsMicros();
            }
            assertEquals(3, ((LoopingSource) source).rounds());
        }
    }

    @Test
    void truncatedFileKeepsTheFramesBeforeTheDamageAndSaysSo(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.mp4");
        TestClips.record(whole.toString(), "mp4", avcodec.AV_CODEC_ID_MPEG4, 100, 25, Map.of("movflags", "faststart"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        try (VideoSource source = VideoSources.open(SourceSpec.parse(cut.toString()), 16, 16, TIMEOUT,
                CaptureClock.system())) {
            int n = 0;
            while (source.next() != null) {
                n++;
            }
            assertTrue(n > 10 && n < 90, "frames before the damage: " + n);
            assertTrue(source.warning().startsWith("cut.mp4: ended after " + n + " of about 100 frames; the file looks"
                    + " truncated"), source.warning());
        }
    }

    @Test
    void unsupportedCodecIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path mkv = TestClips.file(dir.resolve("odd.mkv"), "matroska", avcodec.AV_CODEC_ID_MPEG4, 5);
        // Rename the codec in the Matroska header to one FFmpeg has never heard of.
        byte[] bytes = Files.readAllBytes(mkv);
        byte[] id = "V_MPEG4/ISO/ASP".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, id);
        assertTrue(at > 0, "codec id found in the header");
        System.arraycopy("V_XVJEPA/UNKNOW".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, id.length);
        Path odd = Files.write(dir.resolve("unknown-codec.mkv"), bytes);
        SourceException e = assertThrows(SourceException.class,
                () -> VideoSources.open(SourceSpec.parse(odd.toString()), 16, 16, TIMEOUT, CaptureClock.system()));
        assertTrue(e.getMessage().startsWith("unknown-codec.mkv: "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("codec") || e.getMessage().contains("no video stream"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
