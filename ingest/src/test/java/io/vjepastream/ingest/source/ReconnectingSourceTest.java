package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.time.FakeMonotonicClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReconnectingSourceTest {
    private static final SourceSpec SPEC = SourceSpec.parse("cam=rtsp://127.0.0.1:8554/live");
    private static final ReconnectPolicy POLICY =
            new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2, 0);

    @Test
    void backoffGrowsExponentiallyWithinTheJitterAndStopsAtTheCap() {
        Random random = new Random(7);
        for (int attempt = 0; attempt < 12; attempt++) {
            double base = Math.min(100e6 * Math.pow(2, attempt), 2e9);
            long delay = POLICY.delayNanos(attempt, random);
            assertTrue(delay >= base * 0.8 - 1 && delay <= Math.min(base * 1.2, 2e9) + 1,
                    "attempt " + attempt + ": " + delay + " for base " + base);
        }
        assertFalse(POLICY.exhausted(1_000_000), "0 attempts means unlimited");
        assertTrue(POLICY.withMaxAttempts(3).exhausted(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofMillis(10), 2, 0.1, 0));
        assertTrue(e.getMessage().contains("maxDelay"), e.getMessage());
    }

    @Test
    void reconnectsAfterDropsAndFailedAttemptsAndReportsTheGap() {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        // First connection: 3 frames then the stream ends; 2 attempts are refused; the third works.
        Deque<Supplier<VideoSource>> plan = new ArrayDeque<>(List.of(
                () -> { throw new SourceException(SPEC.uri() + ": Connection refused"); },
                () -> { throw new SourceException(SPEC.uri() + ": Connection refused"); },
                () -> new ScriptedSource(SPEC, 0, 4)));
        try (ReconnectingSource source = new ReconnectingSource(new ScriptedSource(SPEC, 1_000_000, 3),
                () -> plan.pop().get(), POLICY, clock, new Random(3))) {
            long last = Long.MIN_VALUE;
            for (int i = 0; i < 7; i++) {
                DecodedFrame frame = source.next();
                assertNotNull(frame, "frame " + i);
                assertTrue(frame.ptsMicros() > last, "presentation time keeps increasing across the gap");
                last = frame.ptsMicros();
            }
            assertEquals(1, source.reconnects());
            List<Long> sleeps = clock.sleeps();
            assertEquals(3, sleeps.size(), "one wait before each attempt");
            assertTrue(sleeps.get(1) > sleeps.get(0) && sleeps.get(2) > sleeps.get(1), "waits grow: " + sleeps);
            long total = sleeps.stream().mapToLong(Long::longValue).sum();
            assertEquals(total, source.lastGapNanos(), "the gap is the time from the drop to the next frame");
            assertTrue(source.lastDropReason().contains("stream ended"), source.lastDropReason());
        }
    }

    @Test
    void givesUpWhenTheAttemptLimitIsReached() {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        try (ReconnectingSource source = new ReconnectingSource(new ScriptedSource(SPEC, 0, 1),
                () -> { throw new SourceException(SPEC.uri() + ": Connection refused"); },
                POLICY.withMaxAttempts(4), clock, new Random(1))) {
            assertNotNull(source.next());
            SourceException e = assertThrows(SourceException.class, source::next);
            assertEquals(SPEC.uri() + ": gave up after 4 reconnect attempt(s); last: " + SPEC.uri()
                    + ": Connection refused", e.getMessage());
            assertEquals(4, clock.sleeps().size());
            assertEquals(0, source.reconnects());
        }
    }

    @Test
    void aSourceNotUpAtTheStartIsRetriedWithTheBackoffOfADrop() {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        ReconnectingSource[] source = new ReconnectingSource[1];
        List<String> waitingSeen = new ArrayList<>();
        Deque<Supplier<VideoSource>> plan = new ArrayDeque<>(List.of(
                () -> { throw new SourceException(SPEC.uri() + ": Connection refused"); },
                () -> {
                    waitingSeen.add(source[0].waiting());
                    throw new SourceException(SPEC.uri() + ": Connection refused");
                },
                () -> new ScriptedSource(SPEC, 0, 3)));
        try (ReconnectingSource reconnecting = new ReconnectingSource(SPEC, () -> plan.pop().get(), POLICY, clock,
                new Random(3))) {
            source[0] = reconnecting;
            assertNull(reconnecting.waiting(), "nothing tried yet");
            for (int i = 0; i < 3; i++) {
                DecodedFrame frame = reconnecting.next();
                assertNotNull(frame, "frame " + i);
                assertEquals(100_000L * i, frame.ptsMicros(), "the first connection's times are kept");
            }
            assertTrue(plan.isEmpty());
            Random same = new Random(3);
            assertEquals(List.of(POLICY.delayNanos(0, same), POLICY.delayNanos(1, same)), clock.sleeps(),
                    "tried at once, then after each failure the wait a drop would have");
            assertEquals(List.of("not up yet, retrying after 1 failed attempt(s): " + SPEC.uri()
                    + ": Connection refused"), waitingSeen);
            assertNull(reconnecting.waiting(), "up now");
            assertEquals(0, reconnecting.reconnects(), "the first connection is no reconnect");
            assertEquals(0, reconnecting.failedAttempts());
        }
    }

    @Test
    void aSourceNotUpAtTheStartIsGivenUpWhenTheAttemptLimitIsReached() {
        FakeMonotonicClock clock = new FakeMonotonicClock();
        Deque<Supplier<VideoSource>> plan = new ArrayDeque<>(List.of(
                () -> { throw new SourceException(SPEC.uri() + ": Connection refused"); },
                () -> { throw new SourceException(SPEC.uri() + ": Connection timed out"); },
                () -> new ScriptedSource(SPEC, 0, 3)));
        try (ReconnectingSource source = new ReconnectingSource(SPEC, () -> plan.pop().get(),
                POLICY.withMaxAttempts(2), clock, new Random(1))) {
            SourceException e = assertThrows(SourceException.class, source::next);
            assertEquals(SPEC.uri() + ": gave up after 2 reconnect attempt(s); last: " + SPEC.uri()
                    + ": Connection timed out", e.getMessage());
            assertEquals(1, clock.sleeps().size(), "one wait, between the two attempts");
            assertEquals(1, plan.size(), "no third attempt");
        }
    }

    /** Frames of a fixed count at 10 fps, starting at a given presentation time. */
    static final class ScriptedSource implements VideoSource {
        private final SourceSpec spec;
        private final long firstPts;
        private final int frames;
        private int served;

        ScriptedSource(SourceSpec spec, long firstPts, int frames) {
            this.spec = spec;
            this.firstPts = firstPts;
            this.frames = frames;
        }

        @Override
        public SourceSpec spec() {
            return spec;
        }

        @Override
        public boolean finite() {
            return false;
        }

        @Override
        public DecodedFrame next() {
            if (served >= frames) {
                return null;
            }
            return new DecodedFrame(firstPts + 100_000L * served++, 0, 2, 2, new byte[12]);
        }

        @Override
        public void close() {
        }
    }
}
