package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    @Test
    void defaults() {
        IngestConfig c = IngestConfig.defaults();
        assertEquals(64, c.imageSize());
        assertEquals(8, c.patchSize());
        assertEquals(8, c.gridSize());
        assertEquals(64 * 64 * 3, c.frameBytes());
        assertEquals(10.0, c.sampleFps());
        assertEquals(2, c.strideFrames());
        assertEquals(2, c.contextFrames());
        assertFalse(c.realtime());
        assertEquals(Duration.ofSeconds(10), c.openTimeout());
    }

    @Test
    void toBuilderKeepsEveryValue() {
        IngestConfig c = IngestConfig.builder().imageSize(96).patchSize(16).sampleFps(5).strideFrames(3)
                .contextFrames(1).realtime(true).openTimeout(Duration.ofSeconds(3)).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(6, c.gridSize());
        assertTrue(c.realtime());
    }

    @Test
    void invalidValuesNameKeyValueAndWhatIsAllowed() {
        assertMessage("invalid ingest config: sampleFps=0.0 must be a positive, finite number of frames per second",
                IngestConfig.builder().sampleFps(0));
        assertMessage("invalid ingest config: sampleFps=-5.0 must", IngestConfig.builder().sampleFps(-5));
        assertMessage("invalid ingest config: strideFrames=0 must be a positive integer",
                IngestConfig.builder().strideFrames(0));
        assertMessage("invalid ingest config: strideFrames=-2 must", IngestConfig.builder().strideFrames(-2));
        assertMessage("invalid ingest config: imageSize = 60; allowed: a multiple of patchSize 8",
                IngestConfig.builder().imageSize(60));
        assertMessage("invalid ingest config: patchSize=0 must", IngestConfig.builder().patchSize(0));
        assertMessage("invalid ingest config: contextFrames = 0;", IngestConfig.builder().contextFrames(0));
        assertMessage("invalid ingest config: openTimeout=PT0S must be a duration from 1ms to 1h", IngestConfig.builder().openTimeout(Duration.ZERO));
        assertMessage("invalid ingest config: decodeThreads=-1 must be 0 (FFmpeg chooses)",
                IngestConfig.builder().decodeThreads(-1));
    }

    @Test
    void ffmpegChoosesTheDecoderThreadsUnlessConfigured() {
        assertEquals(0, IngestConfig.defaults().decodeThreads());
        IngestConfig one = IngestConfig.builder().decodeThreads(1).build();
        assertEquals(1, one.decodeThreads());
        assertEquals(one, one.toBuilder().build());
        assertTrue(one.toString().contains("decodeThreads=1"), one.toString());
    }

    private static void assertMessage(String prefix, IngestConfig.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
