package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.time.CaptureClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file played a given number of times as one finite source, and FFmpeg's decoder thread setting. */
class BoundedLoopTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void playsExactlyTheGivenNumberOfTimesThenEnds(@TempDir Path dir) throws Exception {
        Path clip = TestClips.file(dir.resolve("short.mkv"), "matroska", avcodec.AV_CODEC_ID_MPEG4, 5);
        SourceSpec spec = SourceSpec.parse(clip.toString());
        Supplier<VideoSource> open = () -> VideoSources.open(spec, 16, 16, TIMEOUT, CaptureClock.system());
        try (LoopingSource source = new LoopingSource(open.get(), open, 3)) {
            assertTrue(source.finite(), "a bounded loop ends, so ingest treats it as a file");
            long last = Long.MIN_VALUE;
            int frames = 0;
            DecodedFrame frame;
            while ((frame = source.next()) != null) {
                assertTrue(frame.ptsMicros() > last, "pts increase at frame " + frames);
                last = frame.ptsMicros();
                frames++;
            }
            assertEquals(15, frames);
            assertNull(source.next(), "still ended");
            assertEquals(2, source.rounds());
        }
        assertThrows(IllegalArgumentException.class, () -> new LoopingSource(open.get(), open, -1));
    }

    @Test
    void oneDecoderThreadOrFfmpegsChoiceDecodeTheSamePixels(@TempDir Path dir) throws Exception {
        Path clip = TestClips.file(dir.resolve("clip.mp4"), "mp4", avcodec.AV_CODEC_ID_MPEG4, 12);
        SourceSpec spec = SourceSpec.parse(clip.toString());
        List<byte[]> single = decode(spec, 1);
        List<byte[]> auto = decode(spec, 0);
        assertEquals(12, single.size());
        assertEquals(single.size(), auto.size());
        for (int i = 0; i < single.size(); i++) {
            assertArrayEquals(single.get(i), auto.get(i), "frame " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FfmpegVideoSource.open(spec, 16, 16, TIMEOUT, CaptureClock.system(), -1));
        assertTrue(e.getMessage().startsWith("decodeThreads = -1; allowed: 0"), e.getMessage());
    }

    private static List<byte[]> decode(SourceSpec spec, int threads) {
        List<byte[]> frames = new ArrayList<>();
        try (VideoSource source = VideoSources.open(spec, 32, 32, TIMEOUT, CaptureClock.system(), threads)) {
            DecodedFrame frame;
            while ((frame = source.next()) != null) {
                frames.add(frame.rgb());
            }
        }
        return frames;
    }
}
