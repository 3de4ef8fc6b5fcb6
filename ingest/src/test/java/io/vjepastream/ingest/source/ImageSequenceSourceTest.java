package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.time.CaptureClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSequenceSourceTest {
    @Test
    void playsADirectoryInNameOrderAtTheGivenRate(@TempDir Path dir) throws Exception {
        TestImages.write(dir, 8, "png");
        Files.writeString(dir.resolve("README.txt"), "ignored");
        SourceSpec spec = SourceSpec.parse("images:" + dir + "?fps=5");
        try (VideoSource source = VideoSources.open(spec, 16, 16, Duration.ofSeconds(1), CaptureClock.system())) {
            assertTrue(source.finite());
            for (int i = 0; i < 8; i++) {
                DecodedFrame frame = source.next();
                assertEquals(i * 200_000L, frame.ptsMicros());
                assertEquals(16 * 16 * 3, frame.rgb().length);
                assertEquals(20 * i, frame.rgb()[0] & 0xFF, "red of image " + i);
                assertEquals(100, frame.rgb()[1] & 0xFF);
                assertEquals(200, frame.rgb()[2] & 0xFF);
            }
            assertNull(source.next());
        }
    }

    @Test
    void globSelectsJpegsAndLoopKeepsTimeRunning(@TempDir Path dir) throws Exception {
        TestImages.write(dir, 3, "jpeg");
        TestImages.write(Files.createDirectory(dir.resolve("other")), 2, "png");
        SourceSpec spec = SourceSpec.parse("images:" + dir + "/frame_*.jpg?loop=1");
        try (VideoSource source = VideoSources.open(spec, 8, 8, Duration.ofSeconds(1), CaptureClock.system())) {
            assertFalse(source.finite(), "a looped sequence is endless");
            for (int i = 0; i < 7; i++) {
                DecodedFrame frame = source.next();
                assertEquals(i * 100_000L, frame.ptsMicros(), "default 10 fps, time continues over the loop");
                assertEquals(20 * (i % 3), frame.rgb()[0] & 0xFF, 6, "JPEG keeps the colour of image " + i % 3);
            }
        }
    }

    @Test
    void anUnreadableImageNamesTheFile(@TempDir Path dir) throws Exception {
        TestImages.write(dir, 1, "png");
        Files.writeString(dir.resolve("frame_001.png"), "not a picture");
        SourceSpec spec = SourceSpec.parse("images:" + dir);
        try (VideoSource source = VideoSources.open(spec, 8, 8, Duration.ofSeconds(1), CaptureClock.system())) {
            source.next();
            SourceException e = assertThrows(SourceException.class, source::next);
            assertEquals("images:" + dir + ": frame_001.png is not a PNG or JPEG image", e.getMessage());
        }
    }
}
