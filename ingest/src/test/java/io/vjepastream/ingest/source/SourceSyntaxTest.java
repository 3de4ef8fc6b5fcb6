package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The URI syntax added for live sources, cameras, image sequences and per-source options. */
class SourceSyntaxTest {
    @Test
    void fileOptionsLoopAndRealtime() {
        SourceSpec spec = SourceSpec.parse("/videos/car.mp4?loop=1&realtime=true");
        assertEquals(Path.of("/videos/car.mp4"), spec.path().orElseThrow());
        assertEquals("car", spec.streamId());
        assertTrue(spec.looped());
        assertTrue(spec.options().flag("realtime"));
        assertFalse(spec.live());
        // A question mark followed by anything else belongs to the file name.
        assertEquals(Path.of("/videos/what?.mp4"), SourceSpec.parse("/videos/what?.mp4").path().orElseThrow());
    }

    @Test
    void rtspOptionsAreTakenOutAndServerParametersKept() {
        SourceSpec spec = SourceSpec.parse("cam=rtsp://10.0.0.5:554/stream1?token=abc&transport=UDP&timeout=3s");
        assertEquals("rtsp://10.0.0.5:554/stream1?token=abc", spec.uri());
        assertEquals("udp", spec.options().transport().orElseThrow());
        assertEquals(Duration.ofSeconds(3), spec.options().timeout().orElseThrow());
        assertTrue(spec.live());
        assertEquals(Duration.ofMillis(250),
                SourceSpec.parse("rtsp://h/x?timeout=250ms").options().timeout().orElseThrow());
        assertTrue(SourceSpec.parse("rtsp://127.0.0.1:8554/live?listen=1").options().flag("listen"));
        assertEquals("mpjpeg", SourceSpec.parse("http://127.0.0.1:8080/cam.mjpg?format=mpjpeg").options()
                .get("format").orElseThrow());
    }

    @Test
    void badOptionValuesAreOneLineErrorsNamingTheSource() {
        SourceException transport = assertThrows(SourceException.class,
                () -> SourceSpec.parse("rtsp://h/x?transport=sctp"));
        assertEquals("rtsp://h/x: transport = sctp; allowed: tcp or udp", transport.getMessage());
        SourceException timeout = assertThrows(SourceException.class, () -> SourceSpec.parse("rtsp://h/x?timeout=soon"));
        assertTrue(timeout.getMessage().startsWith("rtsp://h/x: timeout = 'soon'"), timeout.getMessage());
        SourceException unknown = assertThrows(SourceException.class,
                () -> SourceSpec.parse("v4l2:///dev/video0?colour=red"));
        assertTrue(unknown.getMessage().contains("unknown option 'colour'"), unknown.getMessage());
    }

    @Test
    void v4l2DeviceWithSizeRateAndFormat() {
        SourceSpec spec = SourceSpec.parse("wrist=v4l2:///dev/video2?width=640&height=480&fps=30&format=mjpeg");
        assertEquals(SourceKind.DEVICE, spec.kind());
        assertEquals("v4l2:///dev/video2", spec.uri());
        assertEquals("wrist", spec.streamId());
        assertEquals(Map.of("width", "640", "height", "480", "fps", "30", "format", "mjpeg"), spec.options().asMap());
        assertEquals("video0", SourceSpec.parse("v4l2:/dev/video0").streamId());
        assertTrue(spec.live());
    }

    @Test
    void missingDeviceIsOneLine() {
        SourceException e = assertThrows(SourceException.class,
                () -> SourceSpec.parse("v4l2:///dev/video97").validate());
        assertEquals("v4l2:///dev/video97: no such device (/dev/video97)", e.getMessage());
    }

    @Test
    void zeroOrNegativeFpsIsRefused() {
        for (String fps : new String[] {"0", "-5", "NaN"}) {
            SourceException e = assertThrows(SourceException.class,
                    () -> SourceSpec.parse("images:/data/ep1?fps=" + fps));
            assertTrue(e.getMessage().startsWith("images:/data/ep1: fps = " + fps), e.getMessage());
            assertTrue(e.getMessage().contains("allowed"), e.getMessage());
        }
        assertThrows(SourceException.class, () -> SourceSpec.parse("v4l2:///dev/video0?fps=0"));
    }

    @Test
    void imageDirectoriesAndGlobs(@TempDir Path dir) throws Exception {
        Path ep = Files.createDirectory(dir.resolve("episode-3"));
        SourceSpec folder = SourceSpec.parse("images:" + ep + "?fps=15&loop=1");
        assertEquals(SourceKind.IMAGES, folder.kind());
        assertEquals("episode-3", folder.streamId());
        assertEquals("images:" + ep, folder.uri());
        assertEquals(15.0, folder.options().fps().orElseThrow());
        assertTrue(folder.looped());
        SourceSpec glob = SourceSpec.parse("images:" + ep + "/frame_*.png");
        assertEquals("episode-3", glob.streamId());
        assertEquals("images:" + ep + "/frame_*.png", glob.uri());
    }

    @Test
    void emptyImageDirectoryIsOneLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no pictures here");
        SourceException e = assertThrows(SourceException.class, () -> SourceSpec.parse("images:" + empty).validate());
        assertEquals("images:" + empty + ": no PNG or JPEG images in " + empty, e.getMessage());
        SourceException missing = assertThrows(SourceException.class,
                () -> SourceSpec.parse("images:" + dir.resolve("nope")).validate());
        assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
    }

    @Test
    void unsupportedSchemeListsTheSupportedOnes() {
        SourceException e = assertThrows(SourceException.class, () -> SourceSpec.parse("gopher://h/x"));
        assertTrue(e.getMessage().contains("v4l2:///dev/videoN") && e.getMessage().contains("images:DIR"),
                e.getMessage());
    }
}
