package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vjepastream.ingest.time.CaptureClock;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MPEG-TS, HLS and MJPEG streams from a JDK HTTP server on 127.0.0.1. */
@Timeout(120)
class HttpSourcesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private HttpServer server;

    /** Serves every file of {@code dir} under {@code /}. */
    private String serve(Path dir, String contentType) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String type = file.toString().endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : contentType;
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void mpegTsOverHttp(@TempDir Path dir) throws Exception {
        TestClips.file(dir.resolve("clip.ts"), "mpegts", avcodec.AV_CODEC_ID_MPEG2VIDEO, 30);
        String base = serve(dir, "video/mp2t");
        assertFrames(SourceSpec.parse("cam=" + base + "clip.ts"), 30);
    }

    @Test
    void hlsPlaylist(@TempDir Path dir) throws Exception {
        TestClips.record(dir.resolve("index.m3u8").toString(), "hls", avcodec.AV_CODEC_ID_MPEG2VIDEO, 50, 25,
                Map.of("hls_time", "1", "hls_list_size", "0", "hls_playlist_type", "vod"));
        assertTrue(Files.list(dir).filter(p -> p.toString().endsWith(".ts")).count() >= 2, "several segments");
        String base = serve(dir, "video/mp2t");
        assertFrames(SourceSpec.parse("cam=" + base + "index.m3u8"), 50);
    }

    @Test
    void mjpegOverHttp(@TempDir Path dir) throws Exception {
        TestClips.record(dir.resolve("cam.mjpg").toString(), "mpjpeg", avcodec.AV_CODEC_ID_MJPEG, 12, 10,
                Map.of());
        String base = serve(dir, "multipart/x-mixed-replace;boundary=ffmpeg");
        assertFrames(SourceSpec.parse("cam=" + base + "cam.mjpg?format=mpjpeg"), 12);
    }

    @Test
    void refusedConnectionIsOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        for (String url : new String[] {"http://127.0.0.1:" + port + "/clip.ts", "rtsp://127.0.0.1:" + port + "/live"}) {
            SourceSpec spec = SourceSpec.parse(url + "?timeout=2s");
            SourceException e = assertThrows(SourceException.class,
                    () -> VideoSources.open(spec, 16, 16, TIMEOUT, CaptureClock.system()));
            assertTrue(e.getMessage().startsWith(url + ": cannot open as video"), e.getMessage());
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    private static void assertFrames(SourceSpec spec, int expected) {
        assertTrue(spec.live(), "network streams are live");
        try (VideoSource source = VideoSources.open(spec, 32, 32, TIMEOUT, CaptureClock.system())) {
            assertFalse(source.finite());
            int n = 0;
            long last = Long.MIN_VALUE;
            DecodedFrame frame;
            while ((frame = source.next()) != null) {
                assertTrue(frame.ptsMicros() > last, "pts increase at frame " + n);
                last = frame.ptsMicros();
                n++;
            }
            assertEquals(expected, n, spec.uri());
            assertNull(source.next());
        }
    }
}
