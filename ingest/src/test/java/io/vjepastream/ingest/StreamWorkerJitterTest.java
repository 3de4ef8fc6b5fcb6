package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.ingest.source.SourceException;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.ingest.time.FakeMonotonicClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reconnect jitter of a live stream that never comes up is drawn from the configured seed and the
 * stream id: the same config and stream wait the same times, another seed or stream waits others.
 */
class StreamWorkerJitterTest {
    private static final int ATTEMPTS = 6;

    @Test
    void theSameSeedAndStreamWaitTheSameTimes() {
        List<Long> first = waits(7, "cam");
        assertEquals(ATTEMPTS - 1, first.size(), "the first attempt is at once, each later one after a wait");
        assertEquals(first, waits(7, "cam"));
    }

    @Test
    void anotherSeedOrStreamWaitsOtherTimes() {
        List<Long> base = waits(7, "cam");
        assertNotEquals(base, waits(8, "cam"));
        assertNotEquals(base, waits(7, "door"));
    }

    /** Runs a worker whose camera is down until it gives up; returns the waits between its attempts. */
    private static List<Long> waits(long seed, String streamId) {
        IngestConfig config = IngestConfig.builder()
                .masks(MaskSettings.defaults().withSeed(seed))
                .reconnect(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 2, 0.5, ATTEMPTS))
                .build();
        FakeMonotonicClock mono = new FakeMonotonicClock();
        CaptureClock clock = new CaptureClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), mono);
        SourceOpener down = (spec, c, k) -> {
            throw new SourceException(spec.uri() + ": connection refused");
        };
        StreamWorker worker = new StreamWorker(SourceSpec.parse(streamId + "=rtsp://127.0.0.1:9/live"), config,
                new CollectingPairSink(), clock, down, () -> { });
        worker.run();
        assertEquals(StreamState.FAILED, worker.state(), worker.stats().statusLine());
        return mono.sleeps();
    }
}
