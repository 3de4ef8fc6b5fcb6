package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.TestClips;
import io.vjepastream.ingest.source.TestImages;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several kinds of source in one service; the bad ones fail alone, each with one line naming it (a live one
 * once the reconnect attempts allowed are used up).
 */
class MultiSourceTest {
    @Test
    @Timeout(90)
    void goodSourcesCompleteWhileEachBadOneFailsWithItsReason(@TempDir Path dir) throws Exception {
        Path frames = Files.createDirectory(dir.resolve("frames"));
        TestImages.write(frames, 12);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path clip = TestClips.file(dir.resolve("clip.avi"), "avi", avcodec.AV_CODEC_ID_MPEG4, 30);
        Path text = Files.writeString(dir.resolve("notes.mkv"), "not a video\n".repeat(40));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String refused = "rtsp://127.0.0.1:" + closedPort + "/live";
        List<SourceSpec> sources = List.of(
                SourceSpec.parse("seq=images:" + frames + "?fps=10"),
                SourceSpec.parse("clip=" + clip),
                SourceSpec.parse("empty=images:" + empty),
                SourceSpec.parse("refused=" + refused + "?timeout=2s"),
                SourceSpec.parse("nodev=v4l2:///dev/video93"),
                SourceSpec.parse("text=" + text));
        CollectingPairSink sink = new CollectingPairSink();
        IngestConfig config = IngestConfig.builder().sampleFps(25)
                .reconnect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 2, 0.2, 2)).build();
        try (IngestService service = new IngestService(config, sources, sink)) {
            service.start();
            assertTrue(service.awaitCompletion(Duration.ofSeconds(60)));
            Map<String, StreamStats> m = service.metrics();
            assertEquals(StreamState.COMPLETED, m.get("seq").state());
            assertEquals(12, m.get("seq").framesDecoded());
            assertEquals(12 - 4, sink.pairs("seq").size());
            assertEquals(StreamState.COMPLETED, m.get("clip").state());
            assertEquals(30 - 4, sink.pairs("clip").size());

            assertFailed(m.get("empty"), "images:" + empty + ": no PNG or JPEG images in " + empty);
            assertFailed(m.get("refused"), refused + ": gave up after 2 reconnect attempt(s); last: " + refused
                    + ": cannot open as video: Connection refused");
            assertFailed(m.get("nodev"), "v4l2:///dev/video93: no such device (/dev/video93)");
            assertFailed(m.get("text"), "notes.mkv: cannot open as video");
            assertEquals(IngestHealth.Status.DEGRADED, service.ingestHealth().status());
        }
    }

    private static void assertFailed(StreamStats stats, String messageStart) {
        assertEquals(StreamState.FAILED, stats.state(), stats.streamId());
        assertTrue(stats.lastError().startsWith(messageStart), stats.lastError());
        assertFalse(stats.lastError().contains("\n"), "one line: " + stats.lastError());
        assertEquals(0, stats.pairsSent());
    }
}
