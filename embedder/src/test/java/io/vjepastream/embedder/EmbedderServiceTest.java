package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.runtime.http.ServiceEndpoint;
import io.vjepastream.runtime.http.ServiceHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's life cycle where no broker answers: it must stay DOWN and still close cleanly. */
class EmbedderServiceTest {
    @TempDir
    Path dir;

    private EmbedderConfig unreachableBroker() {
        return EmbedderConfig.builder("localhost:1").stateDir(dir.resolve("state"))
                .closeTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void isDownWhileWaitingForTheFirstCheckpoint() {
        EmbedderService service = new EmbedderService(unreachableBroker());
        try {
            service.start();
            ServiceHealth health = service.health();
            assertFalse(health.up());
            assertEquals("waiting for the first checkpoint on vjepa.checkpoints", health.detail());
            assertEquals(MetricsSnapshot.NO_MODEL, service.metrics().modelVersion());
            assertThrows(IllegalStateException.class, service::start);
        } finally {
            service.close();
        }
        assertEquals("closed", service.health().detail());
        service.close();
    }

    @Test
    void theHttpEndpointAnswersHealthAndModelWhileWaiting() throws Exception {
        try (EmbedderService service = new EmbedderService(unreachableBroker());
             ServiceEndpoint http = ServiceEndpoint.serve(service, 0)) {
            service.start();
            int port = http.port();
            HttpResponse<String> health = get(port, "/health");
            assertEquals(503, health.statusCode());
            assertEquals("{\"status\":\"DOWN\",\"detail\":\"waiting for the first checkpoint on vjepa.checkpoints\"}\n",
                    health.body());
            assertTrue(get(port, "/model").body().contains("\"version\":null"));
            assertEquals(503, get(port, "/streams").statusCode(), "no stores to query before Streams runs");
            assertEquals(404, get(port, "/nowhere").statusCode());

            HttpResponse<String> metrics = get(port, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "Prometheus text");
            assertTrue(metrics.body().contains("vjepa_embedder_pairs_scored_total 0.0"), metrics.body());
            assertTrue(metrics.body().contains("# TYPE vjepa_embedder_scoring_seconds summary"), metrics.body());
            assertTrue(get(port, "/metrics.json").body().contains("\"pairs.scored\":0"), "the JSON counters moved");
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsStreamsOnceAModelIsLoadedButIsUpOnlyWhenStreamsRuns() throws Exception {
        Path checkpoint = TinyCheckpoints.write(dir.resolve("v1"));
        try (EmbedderService service = new EmbedderService(unreachableBroker())) {
            service.start();
            assertTrue(service.registry().offer(TinyCheckpoints.event(1, checkpoint)));
            ServiceHealth health = service.health();
            // Streams starts in the background once the model is there; wait for it to report a state.
            for (int i = 0; i < 300 && !health.detail().startsWith("streams "); i++) {
                Thread.sleep(100);
                health = service.health();
            }
            assertTrue(health.detail().startsWith("streams "), health.detail());
            assertFalse(health.up(), "no broker, so Streams cannot be RUNNING: " + health.detail());
            assertTrue(health.detail().contains("tiny-v1"), health.detail());
            assertEquals("tiny-v1", service.metrics().modelVersion());
            assertEquals(1, service.metrics().modelLoads());
        }
    }
}
