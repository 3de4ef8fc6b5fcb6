package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceException;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.ingest.time.FakeMonotonicClock;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void realVideoAndSyntheticRunTogetherWhileAMissingFileFailsAlone(@TempDir Path dir) throws Exception {
        Path car = TestVideos.video("car-detection.mp4");
        List<SourceSpec> sources = List.of(
                SourceSpec.parse(car.toString()),
                SourceSpec.parse("synthetic:?seconds=6&fps=10&seed=3"),
                SourceSpec.parse("ghost=" + dir.resolve("ghost.mp4")));
        CollectingPairSink sink = new CollectingPairSink();
        try (IngestService service = new IngestService(IngestConfig.defaults(), sources, sink)) {
            service.start();
            assertTrue(service.awaitCompletion(WAIT), "every finite source ends");
            Map<String, StreamStats> metrics = service.metrics();
            assertEquals(List.of("car-detection", "synthetic", "ghost"), List.copyOf(metrics.keySet()));

            StreamStats carStats = metrics.get("car-detection");
            assertEquals(StreamState.COMPLETED, carStats.state());
            assertTrue(Math.abs(carStats.framesDecoded() - 375) <= 15, "decoded " + carStats.framesDecoded());
            // 12.5 fps sampled to 10 fps keeps four frames of five.
            assertTrue(Math.abs(carStats.framesSampled() - carStats.framesDecoded() * 0.8) <= 2,
                    "sampled " + carStats.framesSampled());
            assertEquals(carStats.framesSampled() - 4, carStats.pairsSent());
            assertEquals(0, carStats.errors());
            assertGapless(sink.pairs("car-detection"), carStats.pairsSent());
            assertEquals(car.toUri().toString(), sink.pairs("car-detection").get(0).getSource());

            StreamStats synthetic = metrics.get("synthetic");
            assertEquals(StreamState.COMPLETED, synthetic.state());
            assertEquals(60, synthetic.framesDecoded());
            assertEquals(60, synthetic.framesSampled());
            assertGapless(sink.pairs("synthetic"), 56);

            StreamStats ghost = metrics.get("ghost");
            assertEquals(StreamState.FAILED, ghost.state());
            assertEquals(1, ghost.errors());
            assertTrue(ghost.lastError().startsWith("ghost.mp4: no such file"), ghost.lastError());
            assertEquals(0, ghost.pairsSent());

            IngestHealth health = service.ingestHealth();
            assertEquals(IngestHealth.Status.DEGRADED, health.status());
            assertEquals(StreamState.FAILED, health.streams().get("ghost"));
        }
        assertTrue(sink.closed(), "close() closes the sink");
        assertTrue(sink.flushes() >= 1, "close() flushes the sink");
    }

    @Test
    void aSourceFailingMidStreamEndsOnlyItsStream() throws Exception {
        SourceOpener standard = SourceOpener.standard();
        SourceOpener opener = (spec, config, clock) -> spec.streamId().equals("flaky")
                ? new FailingAfter(standard.open(spec.withStreamId("synthetic"), config, clock), spec, 12)
                : standard.open(spec, config, clock);
        List<SourceSpec> sources = List.of(SourceSpec.parse("flaky=synthetic:?seconds=5"),
                SourceSpec.parse("steady=synthetic:?seconds=5&seed=2"));
        CollectingPairSink sink = new CollectingPairSink();
        try (IngestService service = new IngestService(IngestConfig.defaults(), sources, sink, CaptureClock.system(),
                opener)) {
            service.start();
            assertTrue(service.awaitCompletion(WAIT));
            StreamStats flaky = service.metrics().get("flaky");
            assertEquals(StreamState.FAILED, flaky.state());
            assertEquals(12, flaky.framesDecoded());
            assertEquals(8, flaky.pairsSent());
            assertTrue(flaky.lastError().contains("camera unplugged"), flaky.lastError());
            assertEquals(StreamState.COMPLETED, service.metrics().get("steady").state());
            assertGapless(sink.pairs("steady"), 46);
            assertGapless(sink.pairs("flaky"), 8);
        }
    }

    @Test
    void realtimePacingFollowsPresentationTime() throws Exception {
        FakeMonotonicClock mono = new FakeMonotonicClock();
        Instant start = Instant.parse("2025-06-01T12:00:00Z");
        CaptureClock clock = new CaptureClock(Clock.fixed(start, ZoneOffset.UTC), mono);
        IngestConfig config = IngestConfig.builder().realtime(true).build();
        CollectingPairSink sink = new CollectingPairSink();
        try (IngestService service = new IngestService(config, List.of(SourceSpec.parse("synthetic:?seconds=2")), sink,
                clock, SourceOpener.standard())) {
            service.start();
            assertTrue(service.awaitCompletion(WAIT));
        }
        // 20 frames, 100 ms apart: 1.9 s of waiting in all, on the fake clock.
        long waited = mono.sleeps().stream().mapToLong(Long::longValue).sum();
        assertEquals(1_900_000_000L, waited);
        List<FramePair> pairs = sink.pairs("synthetic");
        assertEquals(16, pairs.size());
        long startMicros = start.getEpochSecond() * 1_000_000L;
        for (FramePair pair : pairs) {
            Frame target = pair.getTarget().get(0);
            assertEquals(startMicros + target.getPtsMicros(), target.getCaptureTimeMicros(),
                    "a paced frame is captured when its time comes");
        }
    }

    @Test
    void closeStopsEndlessStreams() throws Exception {
        CollectingPairSink sink = new CollectingPairSink();
        IngestService service = new IngestService(IngestConfig.defaults(),
                List.of(SourceSpec.parse("synthetic:?seconds=0")), sink);
        assertEquals(IngestHealth.Status.DOWN, service.ingestHealth().status());
        service.start();
        assertTrue(service.awaitCompletion(WAIT), "an endless source is not waited for once it runs");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sink.pairs().size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(IngestHealth.Status.UP, service.ingestHealth().status());
        service.close();
        assertEquals(StreamState.STOPPED, service.metrics().get("synthetic").state());
        assertEquals(IngestHealth.Status.DOWN, service.ingestHealth().status());
        assertTrue(sink.closed());
        assertGapless(sink.pairs(), sink.pairs().size());
        service.close();
    }

    @Test
    void sinkRefusalsAreCountedAndTheStreamGoesOn() throws Exception {
        CollectingPairSink sink = new CollectingPairSink();
        sink.close();
        try (IngestService service = new IngestService(IngestConfig.defaults(),
                List.of(SourceSpec.parse("synthetic:?seconds=1")), sink)) {
            service.start();
            assertTrue(service.awaitCompletion(WAIT));
            StreamStats stats = service.metrics().get("synthetic");
            assertEquals(StreamState.COMPLETED, stats.state());
            assertEquals(6, stats.errors());
            assertEquals(6, stats.producerErrors(), "a refused pair is a producer error");
            assertEquals(0, stats.pairsSent());
            assertTrue(stats.lastError().contains("sink is closed"), stats.lastError());
        }
    }

    @Test
    void misuseIsRejected() throws Exception {
        List<SourceSpec> twins = List.of(SourceSpec.parse("synthetic:"), SourceSpec.parse("synthetic:?seed=2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IngestService(IngestConfig.defaults(), twins, new CollectingPairSink()));
        assertTrue(e.getMessage().contains("duplicate stream id 'synthetic'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new IngestService(IngestConfig.defaults(), List.of(), new CollectingPairSink()));
        try (IngestService service = new IngestService(IngestConfig.defaults(),
                List.of(SourceSpec.parse("synthetic:?seconds=0.5")), new CollectingPairSink())) {
            assertThrows(IllegalStateException.class, () -> service.awaitCompletion(Duration.ofMillis(1)));
            service.start();
            assertThrows(IllegalStateException.class, service::start);
        }
    }

    private static void assertGapless(List<FramePair> pairs, long expected) {
        assertEquals(expected, pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(i, pairs.get(i).getSequence(), "sequence at position " + i);
            if (i > 0) {
                long pts = pairs.get(i).getTarget().get(0).getPtsMicros();
                assertTrue(pts > pairs.get(i - 1).getTarget().get(0).getPtsMicros(), "target pts increase at " + i);
            }
        }
    }

    /** Delivers a number of frames from another source, then fails as an unplugged camera would. */
    private static final class FailingAfter implements VideoSource {
        private final VideoSource inner;
        private final SourceSpec spec;
        private final int frames;
        private int served;

        FailingAfter(VideoSource inner, SourceSpec spec, int frames) {
            this.inner = inner;
            this.spec = spec;
            this.frames = frames;
        }

        @Override
        public SourceSpec spec() {
            return spec;
        }

        @Override
        public boolean finite() {
            return true;
        }

        @Override
        public DecodedFrame next() {
            if (served++ == frames) {
                throw new SourceException(spec.streamId() + ": camera unplugged");
            }
            return inner.next();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
