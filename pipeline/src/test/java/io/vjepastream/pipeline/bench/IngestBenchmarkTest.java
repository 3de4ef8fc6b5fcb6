package io.vjepastream.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestBenchmarkTest {
    @Test
    void mediansOfOddAndEvenRuns() {
        IngestBenchmark.Run a = new IngestBenchmark.Run(100, 1, 0.5);
        IngestBenchmark.Run b = new IngestBenchmark.Run(300, 1, 1.5);
        IngestBenchmark.Run c = new IngestBenchmark.Run(200, 1, 1.0);
        assertEquals(200, IngestBenchmark.medianFps(List.of(a, b, c)));
        assertEquals(1.0, IngestBenchmark.medianCores(List.of(a, b, c)));
        assertEquals(150, IngestBenchmark.medianFps(List.of(a, c)));
    }
}
