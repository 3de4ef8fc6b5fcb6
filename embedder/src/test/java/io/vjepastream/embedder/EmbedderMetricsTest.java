package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbedderMetricsTest {

    @Test
    void countsWhatWasScoredAndDeadLettered() {
        EmbedderMetrics metrics = new EmbedderMetrics();
        metrics.scored("tiny-v1", false);
        metrics.scored("tiny-v1", true);
        metrics.deadLettered();
        try (ModelRegistry registry = new ModelRegistry("")) {
            MetricsSnapshot snapshot = metrics.snapshot(registry);
            assertEquals(2, snapshot.pairsScored());
            assertEquals(1, snapshot.anomalies());
            assertEquals(1, snapshot.pairsDeadLettered());
        }
    }

    @Test
    void withoutAServingModelTheVersionIsTheOneThatAnsweredLast() {
        EmbedderMetrics metrics = new EmbedderMetrics();
        try (ModelRegistry registry = new ModelRegistry("")) {
            assertEquals(MetricsSnapshot.NO_MODEL, metrics.snapshot(registry).modelVersion());
            metrics.scored("tiny-v1", false);
            metrics.scored("tiny-v7", false);
            assertEquals("tiny-v7", metrics.snapshot(registry).modelVersion());
        }
    }
}
