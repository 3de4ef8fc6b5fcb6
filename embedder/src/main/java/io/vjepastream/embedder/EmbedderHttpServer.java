package io.vjepastream.embedder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedder's HTTP endpoint (JDK {@code com.sun.net.httpserver}), JSON only, GET only:
 * <ul>
 *   <li>{@code /health}: 200 with {@code {"status":"UP",...}} while every stream thread runs and a model
 *       is loaded, otherwise 503 with {@code "DOWN"} and the reason;</li>
 *   <li>{@code /model}: the model version in use, loads and refusals;</li>
 *   <li>{@code /metrics}: the counters of {@link MetricsSnapshot#toMap()};</li>
 *   <li>{@code /streams}: every stream of this instance with its latest energy, z-score and flag;</li>
 *   <li>{@code /streams/ID/energy} and {@code /streams/ID/latent}: the latest AnomalyEnergy or LatentState
 *       of stream ID, 404 when this instance has none.</li>
 * </ul>
 * The stream answers come from this instance's state stores (Kafka Streams interactive queries), so
 * with several instances each answers for the partitions it owns. While the stores are not queryable
 * (starting, rebalancing) those paths answer 503.
 */
public final class EmbedderHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedderHttpServer.class);
    private static final String STREAMS = "/streams";

    private final EmbedderService service;
    private final HttpServer server;
    private final ExecutorService executor;

    private EmbedderHttpServer(EmbedderService service, HttpServer server, ExecutorService executor) {
        this.service = service;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code port} on all interfaces and starts answering for {@code service}.
     *
     * @throws UncheckedIOException naming the port when it cannot be bound
     */
    public static EmbedderHttpServer start(EmbedderService service, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("embedder HTTP endpoint cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "embedder-http");
            t.setDaemon(true);
            return t;
        });
        EmbedderHttpServer http = new EmbedderHttpServer(service, server, executor);
        server.createContext("/", http::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("embedder HTTP endpoint on port {}: /health, /model, /metrics, /streams", http.port());
        return http;
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, Map.of("error", "only GET is supported"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            try {
                route(exchange, path);
            } catch (InvalidStateStoreException e) {
                send(exchange, 503, Map.of("error", "state stores are not queryable now: " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("HTTP {} failed: {}", path, e.toString());
                send(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/health")) {
            EmbedderHealth health = service.health();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", health.status().name());
            body.put("detail", health.detail());
            send(exchange, health.isUp() ? 200 : 503, body);
        } else if (path.equals("/model")) {
            send(exchange, 200, model());
        } else if (path.equals("/metrics")) {
            send(exchange, 200, service.metrics().toMap());
        } else if (path.equals(STREAMS) || path.equals(STREAMS + "/")) {
            send(exchange, 200, Map.of("streams", summaries()));
        } else if (path.startsWith(STREAMS + "/") && (path.endsWith("/energy") || path.endsWith("/latent"))) {
            int end = path.lastIndexOf('/');
            String streamId = URLDecoder.decode(path.substring(STREAMS.length() + 1, end), StandardCharsets.UTF_8);
            Optional<?> latest = path.endsWith("/energy") ? service.latestEnergy(streamId) : service.latestLatent(streamId);
            if (latest.isPresent()) {
                send(exchange, 200, latest.get());
            } else {
                send(exchange, 404, Map.of("error", "no answer for stream " + streamId + " on this instance"));
            }
        } else {
            send(exchange, 404, Map.of("error", "unknown path " + path
                    + "; try /health, /model, /metrics, /streams, /streams/ID/energy, /streams/ID/latent"));
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
        service.latestEnergies().forEach((streamId, energy) -> {
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
        byte[] bytes = (JsonText.of(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once and ends the handler thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
