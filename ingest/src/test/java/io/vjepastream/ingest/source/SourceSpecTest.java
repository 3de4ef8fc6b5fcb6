package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSpecTest {
    @Test
    void plainRelativePathBecomesAnAbsoluteFileUri() {
        SourceSpec spec = SourceSpec.parse("videos/car-detection.mp4");
        Path expected = Path.of("videos/car-detection.mp4").toAbsolutePath().normalize();
        assertEquals(SourceKind.FILE, spec.kind());
        assertEquals("car-detection", spec.streamId());
        assertEquals(expected, spec.path().orElseThrow());
        assertEquals(expected.toUri().toString(), spec.uri());
        assertEquals("car-detection.mp4", spec.displayName());
    }

    @Test
    void fileUrisInBothSpellings() {
        SourceSpec single = SourceSpec.parse("file:/videos/a.clip.mkv");
        SourceSpec triple = SourceSpec.parse("file:///videos/a.clip.mkv");
        assertEquals(Path.of("/videos/a.clip.mkv"), single.path().orElseThrow());
        assertEquals(single.path(), triple.path());
        assertEquals("a.clip", single.streamId());
    }

    @Test
    void fileUriWithASpaceIsTakenAsAPath() {
        SourceSpec spec = SourceSpec.parse("file:/videos/my clip.mp4");
        assertEquals(Path.of("/videos/my clip.mp4"), spec.path().orElseThrow());
        assertEquals("my clip", spec.streamId());
    }

    @Test
    void streamIdPrefixNamesTheStream() {
        SourceSpec spec = SourceSpec.parse("cam1=rtsp://host:554/live/x");
        assertEquals("cam1", spec.streamId());
        assertEquals(SourceKind.NETWORK, spec.kind());
        assertEquals("rtsp://host:554/live/x", spec.uri());
        assertTrue(spec.path().isEmpty());

        SourceSpec file = SourceSpec.parse("front-door=/videos/car.mp4");
        assertEquals("front-door", file.streamId());
        assertEquals(Path.of("/videos/car.mp4"), file.path().orElseThrow());
    }

    @Test
    void networkDefaultIdIsHostAndPath() {
        assertEquals("host/live/x", SourceSpec.parse("rtsp://host:554/live/x").streamId());
        assertEquals("example.com/cam.m3u8", SourceSpec.parse("https://example.com/cam.m3u8?token=1").streamId());
        assertEquals("239.0.0.1", SourceSpec.parse("udp://239.0.0.1:1234").streamId());
    }

    @Test
    void syntheticKeepsItsQueryAndDefaultId() {
        SourceSpec spec = SourceSpec.parse("synthetic:?seconds=30&fps=10");
        assertEquals(SourceKind.SYNTHETIC, spec.kind());
        assertEquals("synthetic", spec.streamId());
        assertEquals("synthetic:?seconds=30&fps=10", spec.uri());
        assertEquals("toy", SourceSpec.parse("toy=synthetic:?seconds=3").streamId());
        assertSame(spec, spec.validate());
    }

    @Test
    void fileNameWithEqualsSignNeedsAPathPrefix() {
        assertEquals("a", SourceSpec.parse("a=b.mp4").streamId());
        SourceSpec spec = SourceSpec.parse("./a=b.mp4");
        assertEquals("a=b", spec.streamId());
        assertEquals("a=b.mp4", spec.displayName());
    }

    @Test
    void rejectsEmptyTextAndUnknownSchemes() {
        assertThrows(SourceException.class, () -> SourceSpec.parse("  "));
        SourceException e = assertThrows(SourceException.class, () -> SourceSpec.parse("ftp://host/x.mp4"));
        assertTrue(e.getMessage().contains("unsupported scheme 'ftp'"), e.getMessage());
        assertTrue(e.getMessage().contains("rtsp://"), e.getMessage());
    }

    @Test
    void missingFileIsOneLineNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("car.mp4");
        SourceException e = assertThrows(SourceException.class, () -> SourceSpec.parse(missing.toString()).validate());
        assertEquals("car.mp4: no such file (" + missing + ")", e.getMessage());
    }

    @Test
    void directoryIsNotAVideo(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("clips"));
        SourceException e = assertThrows(SourceException.class, () -> SourceSpec.parse(folder.toString()).validate());
        assertTrue(e.getMessage().startsWith("clips: is a directory"), e.getMessage());
    }

    @Test
    void validateChecksSyntheticParameters() {
        SourceException e = assertThrows(SourceException.class,
                () -> SourceSpec.parse("synthetic:?velocity=3").validate());
        assertTrue(e.getMessage().contains("unknown parameter 'velocity'"), e.getMessage());
        SourceException range = assertThrows(SourceException.class,
                () -> SourceSpec.parse("synthetic:?speed=11").validate());
        assertTrue(range.getMessage().contains("synthetic speed = 11.0; allowed: a number in [0, 10]"),
                range.getMessage());
        SourceException hues = assertThrows(SourceException.class,
                () -> SourceSpec.parse("synthetic:?hues=0.5").validate());
        assertTrue(hues.getMessage().contains("hues = '0.5'; allowed: LOW-HIGH"), hues.getMessage());
    }

    @Test
    void withStreamIdRenamesOnly() {
        SourceSpec spec = SourceSpec.parse("synthetic:").withStreamId("other");
        assertEquals("other", spec.streamId());
        assertEquals("synthetic:", spec.uri());
        assertThrows(SourceException.class, () -> spec.withStreamId(" "));
    }
}
