package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer lag is measured on Kafka Streams' wall clock, so a driver's clock sets it exactly. */
class AnswerLagTest {
    private static final int SIZE = TinyCheckpoints.IMAGE_SIZE;

    @TempDir
    Path dir;

    @Test
    void theLagIsTheStreamsClockMinusTheLastFramesCaptureTime() throws Exception {
        Path v1 = TinyCheckpoints.write(dir.resolve("v1"));
        EmbedderConfig config = EmbedderConfig.builder("unused:9092").stateDir(dir.resolve("state")).build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // The pair's target frame (index 2) was captured 2 s before the driver's clock starts.
        long capturedMicros = TestPairs.CAPTURE_ORIGIN + 2 * TestPairs.FRAME_MICROS;
        Instant start = Instant.EPOCH.plusNanos((capturedMicros + 2_000_000) * 1000);
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config, registry, new EmbedderMeters(meters).newMetrics(),
                     start)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            byte[] grey = TestPairs.solid(SIZE, 128, 128, 128);
            embedder.send(TestPairs.pair("cam", 0, SIZE, grey, grey));
            assertEquals(1, embedder.energies.readValuesToList().size());
        }
        Timer lag = meters.get(EmbedderMeters.PREFIX + "answer.lag").timer();
        assertEquals(1, lag.count());
        // answered when the batch linger (5 ms) has passed on the driver's clock
        assertEquals(2_005, lag.max(TimeUnit.MILLISECONDS), 1.0);
    }
}
