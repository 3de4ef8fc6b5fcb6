package io.vjepastream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.model.JepaConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineHttpTest {
    /** A model small enough that a few training steps take a moment. */
    private static final JepaConfig TINY = JepaConfig.builder().imageSize(32).patchSize(8)
            .encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void everyServiceOfTheLocalPipelineServesMetricsAndHealth(@TempDir Path checkpoints) throws Exception {
        LocalPipeline.Settings settings = new LocalPipeline.Settings(
                List.of(SourceSpec.parse("cam=synthetic:?seconds=0&fps=10&seed=5")), null, 0, checkpoints, TINY, 4, 20, 0);
        try (LocalPipeline pipeline = LocalPipeline.start(settings)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            pipeline.serveHttp(0).forEach((service, http) -> ports.put(service, http.port()));
            assertEquals(List.of("ingest", "trainer", "embedder"), List.copyOf(ports.keySet()));
            for (int port : ports.values()) {
                awaitUp(port);
            }
            String ingest = get(ports.get("ingest"), "/metrics").body();
            assertTrue(value(ingest, "vjepa_ingest_pairs_sent_total{service=\"ingest\",stream=\"cam\"}") > 0, ingest);
            assertTrue(value(ingest, "vjepa_ingest_fps_in{service=\"ingest\",stream=\"cam\"}") >= 0, ingest);
            assertTrue(ingest.contains("kafka_producer_record_send_total{"), "the producer's own metrics");
            assertTrue(ingest.contains("jvm_memory_used_bytes{"), "JVM metrics");

            String trainer = awaitMetric(ports.get("trainer"), "vjepa_trainer_steps_total{service=\"trainer\"}");
            assertTrue(value(trainer, "vjepa_trainer_checkpoints_total{service=\"trainer\"}") >= 1, trainer);
            assertTrue(value(trainer, "vjepa_trainer_checkpoint_age_seconds{service=\"trainer\"}") >= 0, trainer);
            assertTrue(value(trainer, "vjepa_trainer_gradient_norm{service=\"trainer\"}") > 0, trainer);
            assertTrue(trainer.contains("kafka_consumer_fetch_manager_records_consumed_total{"), "the consumer's own metrics");

            String embedder = awaitMetric(ports.get("embedder"), "vjepa_embedder_pairs_scored_total{service=\"embedder\"}");
            // which checkpoint serves depends on how far the trainer got first: any version of this model will do
            assertTrue(java.util.regex.Pattern.compile("vjepa_embedder_model_info\\{service=\"embedder\",version=\"tiny-v\\d+\"} 1")
                    .matcher(embedder).find(), embedder);
            assertTrue(embedder.contains("kafka_stream_thread_"), "Kafka Streams metrics");
            HttpResponse<String> health = get(ports.get("embedder"), "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(get(ports.get("embedder"), "/metrics.json").body().contains("\"pairs.scored\":"));
        }
    }

    /** Waits, boundedly, for the first positive value of {@code line} and returns the whole text. */
    private static String awaitMetric(int port, String line) throws Exception {
        String text = "";
        for (int i = 0; i < 600; i++) {
            text = get(port, "/metrics").body();
            if (value(text, line) > 0) {
                return text;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(line + " never became positive:\n" + text);
    }

    private static void awaitUp(int port) throws Exception {
        HttpResponse<String> health = null;
        for (int i = 0; i < 600; i++) {
            health = get(port, "/health");
            if (health.statusCode() == 200) {
                assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("port " + port + " never became healthy: " + health.body());
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
