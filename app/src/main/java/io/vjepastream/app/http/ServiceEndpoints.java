package io.vjepastream.app.http;

import io.vjepastream.embedder.EmbedderHttpServer;
import io.vjepastream.embedder.EmbedderService;
import io.vjepastream.ingest.IngestHealth;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.schemas.http.ServiceEndpoint;
import io.vjepastream.schemas.http.ServiceHealth;
import io.vjepastream.trainer.TrainerMetrics;
import io.vjepastream.trainer.TrainerService;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts each service's {@code /metrics} and {@code /health} endpoint and says what "up" means for it:
 * ingest when every source is running or has finished cleanly and Kafka takes the pairs, the trainer while its loop runs, the
 * embedder while every stream thread runs and a model is loaded.
 */
public final class ServiceEndpoints {
    private ServiceEndpoints() {
    }

    /**
     * The ingest endpoint on {@code port} (0: any free port).
     *
     * @throws IllegalArgumentException when the port is {@link ServiceEndpoint#OFF} or out of range
     */
    public static ServiceEndpoint ingest(IngestService service, ServiceMetrics metrics, int port) {
        return ServiceEndpoint.start("ingest", port, metrics::scrape, () -> ingestHealth(service.health()), null);
    }

    /** The trainer endpoint on {@code port} (0: any free port). */
    public static ServiceEndpoint trainer(TrainerService service, ServiceMetrics metrics, int port) {
        return ServiceEndpoint.start("trainer", port, metrics::scrape, () -> trainerHealth(service), null);
    }

    /** The embedder endpoint on {@code port} (0: any free port), with its query paths; see {@link EmbedderHttpServer}. */
    public static EmbedderHttpServer embedder(EmbedderService service, int port) {
        return EmbedderHttpServer.start(service, port);
    }

    /** The line printed at start: where {@code service}'s metrics and health are. */
    public static String announcement(String service, int port) {
        String base = "http://127.0.0.1:" + port;
        return service + " HTTP endpoint: " + base + "/metrics " + base + "/health";
    }

    /**
     * Up when the service runs, every stream is RUNNING or COMPLETED and the brokers take the pairs; the
     * parts are the streams' states.
     */
    public static ServiceHealth ingestHealth(IngestHealth health) {
        Map<String, String> parts = new LinkedHashMap<>();
        health.streams().forEach((stream, state) -> parts.put(stream, state.name()));
        long notUp = health.streams().values().stream()
                .filter(s -> s != StreamState.RUNNING && s != StreamState.COMPLETED).count();
        boolean up = health.status() != IngestHealth.Status.DOWN && notUp == 0;
        String detail;
        if (health.outage() != null) {
            detail = health.outage();
        } else if (up) {
            detail = health.streams().size() + " stream(s) running or completed";
        } else if (health.status() == IngestHealth.Status.DOWN && notUp == 0) {
            detail = "ingest is not running";
        } else {
            detail = notUp + " of " + health.streams().size() + " stream(s) neither running nor completed";
        }
        return new ServiceHealth(up, detail, parts);
    }

    /** Up while the training loop runs; the detail names the step and loss, or why it stopped. */
    public static ServiceHealth trainerHealth(TrainerService service) {
        TrainerMetrics m = service.metrics();
        if (service.healthy()) {
            return ServiceHealth.up(String.format(Locale.ROOT, "training loop running: step %d, loss %.4f, %d checkpoint(s)",
                    m.steps(), m.lastLoss(), m.checkpoints()));
        }
        return service.failure()
                .map(t -> ServiceHealth.down("training loop failed: " + t.getMessage()))
                .orElseGet(() -> ServiceHealth.down("training loop not running (step " + m.steps() + ")"));
    }
}
