package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.TestClips;
import io.vjepastream.records.FramePair;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP camera that is down when ingest starts: the stream says it is connecting and why, is retried with
 * the reconnect backoff, and runs once the server is up.
 */
class LiveSourceDownAtStartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @Timeout(60)
    void aCameraDownAtTheStartIsRetriedUntilItComesUp(@TempDir Path dir) throws Exception {
        byte[] clip = Files.readAllBytes(TestClips.file(dir.resolve("clip.ts"), "mpegts",
                avcodec.AV_CODEC_ID_MPEG2VIDEO, 30));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/clip.ts";
        IngestConfig config = IngestConfig.builder().sampleFps(25).strideFrames(1)
                .reconnect(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2, 0.2, 0)).build();
        CollectingPairSink sink = new CollectingPairSink();
        HttpServer server = null;
        try (IngestService service = new IngestService(config, List.of(SourceSpec.parse("cam=" + url + "?timeout=2s")),
                sink)) {
            service.start();
            awaitTrue(() -> {
                String last = service.metrics().get("cam").lastError();
                return last != null && last.contains("retrying after ") && !last.contains("after 1 failed");
            }, "two failed attempts");
            StreamStats waiting = service.metrics().get("cam");
            assertEquals(StreamState.CONNECTING, waiting.state(), waiting.statusLine());
            String line = waiting.statusLine();
            assertTrue(line.startsWith("cam CONNECTING: "), line);
            assertTrue(line.contains("| last: not up yet, retrying after "), line);
            assertTrue(line.contains("failed attempt(s): " + url + ": cannot open as video"), line);
            assertTrue(line.contains("Connection refused"), line);
            assertFalse(line.contains("\n"), line);
            assertEquals(IngestHealth.Status.UP, service.ingestHealth().status(), "nothing has failed");
            assertEquals(StreamState.CONNECTING, service.ingestHealth().streams().get("cam"));
            assertFalse(service.awaitCompletion(Duration.ZERO), "a stream still connecting is not settled");

            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/clip.ts", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "video/mp2t");
                exchange.sendResponseHeaders(200, clip.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(clip);
                }
            });
            server.start();

            awaitTrue(() -> sink.pairs("cam").size() >= 26, "pairs of the clip");
            StreamStats running = service.metrics().get("cam");
            assertEquals(StreamState.RUNNING, running.state(), running.statusLine());
            assertTrue(running.framesDecoded() >= 28, running.statusLine());
            assertFalse(running.statusLine().contains("not up yet"), running.statusLine());
            assertTrue(service.endless());
            List<FramePair> pairs = sink.pairs("cam");
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(i, pairs.get(i).getSequence());
            }
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
