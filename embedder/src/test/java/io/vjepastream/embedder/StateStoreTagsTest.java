package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class StateStoreTagsTest {
    @Test
    void storesOfBothKindsKeepTheirMetersInPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StateStoreTags());
        Gauge.builder("kafka.stream.state.delete.latency.max", () -> 1.0).tag("in-memory.state.id", "latest-energy")
                .tag("task.id", "0_0").register(registry);
        Gauge.builder("kafka.stream.state.delete.latency.max", () -> 2.0).tag("rocksdb.state.id", "energy-stats")
                .tag("task.id", "0_0").register(registry);
        String text = registry.scrape();
        assertTrue(text.contains("state_id=\"latest-energy\"") && text.contains("store_type=\"in-memory\""), text);
        assertTrue(text.contains("state_id=\"energy-stats\"") && text.contains("store_type=\"rocksdb\""),
                "the second kind is not refused: " + text);
    }
}
