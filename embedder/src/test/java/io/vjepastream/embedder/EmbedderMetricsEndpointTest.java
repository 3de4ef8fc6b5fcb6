package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vjepastream.runtime.http.ServiceEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedderMetricsEndpointTest {
    @TempDir
    Path dir;

    private HttpResponse<String> metricsOf(EmbedderService service) throws Exception {
        try (ServiceEndpoint http = ServiceEndpoint.serve(service, 0)) {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private EmbedderConfig config() {
        return EmbedderConfig.builder("localhost:1").stateDir(dir.resolve("state")).build();
    }

    @Test
    void metricsComeFromAPrometheusRegistryInsideAComposite() throws Exception {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new SimpleMeterRegistry());
        composite.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try (EmbedderService service = new EmbedderService(config(), composite)) {
            HttpResponse<String> metrics = metricsOf(service);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("vjepa_embedder_model_loads_total 0.0"), metrics.body());
        }
    }

    @Test
    void aRegistryWithoutPrometheusTextIsNamedInTheError() throws Exception {
        try (EmbedderService service = new EmbedderService(config(), new SimpleMeterRegistry())) {
            HttpResponse<String> metrics = metricsOf(service);
            assertEquals(500, metrics.statusCode());
            assertTrue(metrics.body().contains("SimpleMeterRegistry"), metrics.body());
        }
    }
}
