package io.vjepastream.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(ServiceEndpoint endpoint, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(endpoint.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsTextAndHealthWithStatusCodes() throws Exception {
        AtomicReference<ServiceHealth> health = new AtomicReference<>(ServiceHealth.up("loop running"));
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test", 0, () -> "# TYPE x counter\nx_total 3.0\n",
                health::get, null)) {
            assertTrue(endpoint.port() > 0, "0 asks for a free port");
            HttpResponse<String> metrics = get(endpoint, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertTrue(metrics.body().contains("x_total 3.0"), metrics.body());

            HttpResponse<String> up = get(endpoint, "/health");
            assertEquals(200, up.statusCode());
            assertEquals("{\"status\":\"UP\",\"detail\":\"loop running\"}\n", up.body());

            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("cam \"1\"", "FAILED");
            health.set(new ServiceHealth(false, "stream cam failed", parts));
            HttpResponse<String> down = get(endpoint, "/health");
            assertEquals(503, down.statusCode());
            assertEquals("{\"status\":\"DOWN\",\"detail\":\"stream cam failed\",\"parts\":{\"cam \\\"1\\\"\":\"FAILED\"}}\n",
                    down.body());

            HttpResponse<String> unknown = get(endpoint, "/nothing");
            assertEquals(404, unknown.statusCode());
            assertEquals("{\"error\":\"unknown path /nothing; try /metrics or /health\"}\n", unknown.body());
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(endpoint.url("/health")))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void otherPathsGoToTheServicesOwnHandler() throws Exception {
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test", 0, () -> "", () -> ServiceHealth.up("ok"),
                exchange -> ServiceEndpoint.send(exchange, 200, "text/plain", "own " + exchange.getRequestURI().getPath()))) {
            HttpResponse<String> own = get(endpoint, "/model");
            assertEquals(200, own.statusCode());
            assertEquals("own /model\n", own.body());
        }
    }

    @Test
    void aFailingMetricsSupplierAnswers500() throws Exception {
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test", 0, () -> {
            throw new IllegalStateException("registry closed");
        }, () -> ServiceHealth.up("ok"), null)) {
            HttpResponse<String> metrics = get(endpoint, "/metrics");
            assertEquals(500, metrics.statusCode());
            assertTrue(metrics.body().contains("registry closed"), metrics.body());
        }
    }

    @Test
    void portsOutsideTheAllowedRangeAreRefusedWithTheOptionName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceEndpoint.checkPort("--http-port", 70_000));
        assertTrue(e.getMessage().contains("--http-port") && e.getMessage().contains("70000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceEndpoint.checkPort("--http-port", -2));
        ServiceEndpoint.checkPort("--http-port", -1);
        ServiceEndpoint.checkPort("--http-port", 0);
    }
}
