package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.TestClips;
import io.vjepastream.records.FramePair;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live RTSP stream that goes away and comes back. Ingest listens ({@code listen=1}); the test pushes
 * MPEG-4 video to it with FFmpeg's RTSP muxer, stops mid-stream, waits, and pushes again.
 */
class RtspReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Timeout(120)
    void ingestReconnectsAfterThePusherStopsAndReportsTheGap() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String url = "rtsp://127.0.0.1:" + port + "/live";
        IngestConfig config = IngestConfig.builder().sampleFps(25).strideFrames(1)
                .reconnect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.2, 0)).build();
        CollectingPairSink sink = new CollectingPairSink();
        try (IngestService service = new IngestService(config,
                List.of(SourceSpec.parse("cam=" + url + "?listen=1&timeout=5s")), sink)) {
            service.start();
            push(url, 0, 40);
            awaitTrue(() -> service.metrics().get("cam").framesDecoded() >= 30, "first session decoded");
            long firstSession = service.metrics().get("cam").framesDecoded();
            Thread.sleep(300);
            push(url, 40, 40);
            awaitTrue(() -> service.metrics().get("cam").reconnects() >= 1
                    && service.metrics().get("cam").framesDecoded() >= firstSession + 30, "second session decoded");

            StreamStats stats = service.metrics().get("cam");
            assertEquals(StreamState.RUNNING, stats.state(), "a live stream keeps running: " + stats.lastError());
            assertEquals(1, stats.reconnects());
            assertTrue(stats.lastGapMillis() > 0, "the gap is reported: " + stats.lastGapMillis() + " ms");
            assertTrue(stats.statusLine().contains("1 reconnect, last gap "), stats.statusLine());
            awaitTrue(() -> sink.pairs("cam").size() >= stats.framesSampled() - 3, "pairs delivered");
            List<FramePair> pairs = sink.pairs("cam");
            for (int i = 1; i < pairs.size(); i++) {
                assertEquals(i, pairs.get(i).getSequence());
                assertTrue(pairs.get(i).getTarget().get(0).getPtsMicros()
                        > pairs.get(i - 1).getTarget().get(0).getPtsMicros(), "pts rise across the gap at " + i);
            }
        }
    }

    /** Pushes {@code frames} frames at about 25 fps, retrying the connection until ingest listens again. */
    private static void push(String url, int first, int frames) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            FFmpegFrameRecorder recorder = TestClips.recorder(url, "rtsp", avcodec.AV_CODEC_ID_MPEG4, 25,
                    Map.of("rtsp_transport", "tcp"));
            try {
                recorder.start();
            } catch (Exception e) {
                recorder.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
                continue;
            }
            try (recorder) {
                for (int i = first; i < first + frames; i++) {
                    recorder.record(TestClips.frame(i));
                    Thread.sleep(40);
                }
                recorder.stop();
            }
            return;
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
