package io.vjepastream.ingest.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimePacerTest {
    @Test
    void waitsUntilEachFrameIsDue() throws InterruptedException {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        RealtimePacer pacer = new RealtimePacer(clock);
        pacer.awaitDue(1_000_000L);
        pacer.awaitDue(1_100_000L);
        // Work took 30 ms before the next frame: only the rest of its 100 ms is waited.
        clock.advanceNanos(30_000_000L);
        pacer.awaitDue(1_200_000L);
        assertEquals(List.of(100_000_000L, 70_000_000L), clock.sleeps());
        assertEquals(200_000_000L, clock.nanoTime());
    }

    @Test
    void lateFramesAreNotDelayedAndBackwardsTimeReanchors() throws InterruptedException {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        RealtimePacer pacer = new RealtimePacer(clock);
        pacer.awaitDue(0);
        clock.advanceNanos(500_000_000L);
        pacer.awaitDue(100_000L);
        assertEquals(List.of(), clock.sleeps());
        pacer.awaitDue(0);
        pacer.awaitDue(40_000L);
        assertEquals(List.of(40_000_000L), clock.sleeps());
    }
}
