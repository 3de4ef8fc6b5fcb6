package io.vjepastream.ingest.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void ratesOverTheFullSecondsOfTheWindow() {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        RateMeter meter = new RateMeter(clock, 5);
        assertEquals(0.0, meter.perSecond());
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 30; i++) {
                meter.mark();
                clock.advanceNanos(SECOND / 30);
            }
        }
        clock.advanceNanos(SECOND / 2);
        assertEquals(30.0, meter.perSecond(), 0.5);
        // Nothing for three seconds: two of the five seconds in the window still hold frames.
        clock.advanceNanos(3 * SECOND);
        assertEquals(12.0, meter.perSecond(), 0.5);
        clock.advanceNanos(10 * SECOND);
        assertEquals(0.0, meter.perSecond());
    }
}
