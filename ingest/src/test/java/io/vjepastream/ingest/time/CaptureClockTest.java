package io.vjepastream.ingest.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CaptureClockTest {
    @Test
    void wallClockAnchorPlusMonotonicElapsed() {
        FakeMonotonicClock mono = new FakeMonotonicClock();
        mono.advanceNanos(123_456_789L);
        Instant start = Instant.parse("2025-01-02T03:04:05.000006Z");
        CaptureClock clock = new CaptureClock(Clock.fixed(start, ZoneOffset.UTC), mono);
        long startMicros = start.getEpochSecond() * 1_000_000L + 6;
        assertEquals(startMicros, clock.nowMicros());
        mono.advanceNanos(2_500_000L);
        assertEquals(startMicros + 2_500, clock.nowMicros());
    }

    @Test
    void systemClockIsNearTheWallClockAndNeverGoesBack() {
        CaptureClock clock = CaptureClock.system();
        long wall = System.currentTimeMillis() * 1_000L;
        long first = clock.nowMicros();
        assertTrue(Math.abs(first - wall) < 5_000_000L, "within seconds of the wall clock");
        assertTrue(clock.nowMicros() >= first);
    }
}
