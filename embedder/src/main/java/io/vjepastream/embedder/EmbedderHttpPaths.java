package io.vjepastream.embedder;

import com.sun.net.httpserver.HttpExchange;
import io.vjepastream.runtime.http.ServiceEndpoint;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The embedder's own GET paths, served beside {@code /metrics} and {@code /health} by the shared
 * {@link ServiceEndpoint} (see {@link EmbedderService#httpPaths()}):
 * <ul>
 *   <li>{@code /metrics.json}: the counters of {@link MetricsSnapshot#toMap()} as JSON;</li>
 *   <li>{@code /model}: the model version in use, loads and refusals;</li>
 *   <li>{@code /streams}: every stream of this instance with its latest energy, z-score and flag;</li>
 *   <li>{@code /streams/ID/energy} and {@code /streams/ID/latent}: the latest AnomalyEnergy or LatentState
 *       of stream ID, 404 when this instance has none.</li>
 * </ul>
 * The stream answers come from this instance's state stores (Kafka Streams interactive queries), so
 * with several instances each answers for the partitions it owns. While the stores are not queryable
 * (starting, rebalancing) those paths answer 503.
 */
final class EmbedderHttpPaths {
    private static final String STREAMS = "/streams";

    private final EmbedderService service;

    EmbedderHttpPaths(EmbedderService service) {
        this.service = service;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            route(exchange, path);
        } catch (InvalidStateStoreException e) {
            send(exchange, 503, Map.of("error", "state stores are not queryable now: " + e.getMessage()));
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/model")) {
            send(exchange, 200, model());
        } else if (path.equals("/metrics.json")) {
            send(exchange, 200, service.metrics().toMap());
        } else if (path.equals(STREAMS) || path.equals(STREAMS + "/")) {
            send(exchange, 200, Map.of("streams", summaries()));
        } else if (path.startsWith(STREAMS + "/") && (path.endsWith("/energy") || path.endsWith("/latent"))) {
            int end = path.lastIndexOf('/');
            String streamId = URLDecoder.decode(path.substring(STREAMS.length() + 1, end), StandardCharsets.UTF_8);
            Optional<?> latest = path.endsWith("/energy") ? service.latest().energy(streamId) : service.latest().latent(streamId);
            if (latest.isPresent()) {
                send(exchange, 200, latest.get());
            } else {
                send(exchange, 404, Map.of("error", "no answer for stream " + streamId + " on this instance"));
            }
        } else {
            send(exchange, 404, Map.of("error", "unknown path " + path
                    + "; try / (the dashboard), /health, /metrics, /metrics.json, /model, /streams, /streams/ID/energy,"
                    + " /streams/ID/latent"));
        }
    }

    private Map<String, Object> model() {
        MetricsSnapshot metrics = service.metrics();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", service.registry().currentVersion().orElse(null));
        model.put("loads", metrics.modelLoads());
        model.put("loadFailures", metrics.modelLoadFailures());
        model.put("lastLoadFailure", service.registry().lastLoadFailure().orElse(null));
        return model;
    }

    private List<Map<String, Object>> summaries() {
        List<Map<String, Object>> list = new ArrayList<>();
        service.latest().energies().forEach((streamId, energy) -> {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("streamId", streamId);
            summary.put("sequence", energy.getSequence());
            summary.put("ptsMicros", energy.getPtsMicros());
            summary.put("modelVersion", energy.getModelVersion());
            summary.put("energy", energy.getEnergy());
            summary.put("zScore", energy.getZScore());
            summary.put("anomalous", energy.getAnomalous());
            list.add(summary);
        });
        return list;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        ServiceEndpoint.send(exchange, status, ServiceEndpoint.JSON, JsonText.of(body));
    }
}
