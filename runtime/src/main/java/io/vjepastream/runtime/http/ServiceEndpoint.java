package io.vjepastream.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vjepastream.runtime.Service;
import io.vjepastream.schemas.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint every vjepa service serves, on the JDK's {@code com.sun.net.httpserver}, GET only:
 * <ul>
 *   <li>{@code /metrics}: the service's meters in the Prometheus text format;</li>
 *   <li>{@code /health}: {@link ServiceHealth#toJson()}, 200 when up and 503 when down;</li>
 *   <li>any other path: the service's own handler when it has one, otherwise 404.</li>
 * </ul>
 * {@link #serve(Service, int)} serves a {@link Service}: its registry's Prometheus text, its health and its
 * own paths.
 */
public final class ServiceEndpoint implements AutoCloseable {
    /** The {@code --http-port} value that turns the endpoint off. */
    public static final int OFF = -1;
    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** The content type of every JSON answer. */
    public static final String JSON = "application/json; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoint.class);

    private final String service;
    private final Supplier<String> metricsText;
    private final Supplier<ServiceHealth> health;
    private final HttpHandler other;
    private final HttpServer server;
    private final ExecutorService executor;

    private ServiceEndpoint(String service, Supplier<String> metricsText, Supplier<ServiceHealth> health,
                            HttpHandler other, HttpServer server, ExecutorService executor) {
        this.service = service;
        this.metricsText = metricsText;
        this.health = health;
        this.other = other;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code service} on {@code port} (0: any free port): {@code /metrics} from its meter registry,
     * {@code /health}, and its {@link Service#httpPaths()}.
     *
     * @throws IllegalArgumentException when the port is {@link #OFF} or out of range
     * @throws UncheckedIOException naming the port when it cannot be bound
     */
    public static ServiceEndpoint serve(Service service, int port) {
        MeterRegistry registry = service.meterRegistry();
        return start(service.name(), port, () -> prometheusText(service.name(), registry), service::health,
                service.httpPaths());
    }

    /**
     * The Prometheus text of {@code registry}: a Prometheus registry itself, or a composite holding one.
     *
     * @throws IllegalStateException naming the registry's type when it holds no Prometheus registry
     */
    static String prometheusText(String service, MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus.scrape();
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry child : composite.getRegistries()) {
                if (child instanceof PrometheusMeterRegistry prometheus) {
                    return prometheus.scrape();
                }
            }
        }
        throw new IllegalStateException("the " + service + "'s meter registry is a " + registry.getClass().getSimpleName()
                + ", which has no Prometheus text; give the service a PrometheusMeterRegistry");
    }

    /**
     * Binds {@code port} on all interfaces and starts answering.
     *
     * @param service the service's name, for the thread name and messages
     * @param port a TCP port, or 0 for any free one (see {@link #port()})
     * @param metricsText the Prometheus text of the service's meters, computed per request
     * @param health the service's health, computed per request
     * @param other answers every other path, or null to answer 404 there
     * @throws IllegalArgumentException when the port is out of range
     * @throws UncheckedIOException naming the port when it cannot be bound
     */
    public static ServiceEndpoint start(String service, int port, Supplier<String> metricsText,
                                        Supplier<ServiceHealth> health, HttpHandler other) {
        Objects.requireNonNull(metricsText, "metricsText");
        Objects.requireNonNull(health, "health");
        checkPort("port", port);
        if (port == OFF) {
            throw new IllegalArgumentException(service + " HTTP endpoint: port " + OFF + " means off; do not start it");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(service + " HTTP endpoint cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        // A thread a request: a long-lived one (a dashboard's event stream) must not hold up the others.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, service + "-http");
            t.setDaemon(true);
            return t;
        });
        ServiceEndpoint endpoint = new ServiceEndpoint(service, metricsText, health, other, server, executor);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("{} HTTP endpoint on port {}: /metrics (Prometheus), /health", service, endpoint.port());
        return endpoint;
    }

    /**
     * Checks an {@code --http-port} value.
     *
     * @param option the option or key it came from, for the message
     * @throws IllegalArgumentException naming the option and the value unless it is -1, 0 or 1..65535
     */
    public static void checkPort(String option, int port) {
        if (port < OFF || port > 65_535) {
            throw new IllegalArgumentException(option + " must be " + OFF + " (off), 0 (any free port) or a TCP port "
                    + "1..65535, got " + port);
        }
    }

    /** The port listened on; with 0 asked, the one the system chose. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/PATH}, for messages and tests. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The line a runner prints at start: where this service's metrics and health are. */
    public String announcement() {
        return service + " HTTP endpoint: " + url("/metrics") + " " + url("/health");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                sendError(exchange, 405, "only GET is supported");
                return;
            }
            try {
                if (path.equals("/metrics")) {
                    send(exchange, 200, PROMETHEUS_TEXT, metricsText.get());
                } else if (path.equals("/health")) {
                    ServiceHealth now = health.get();
                    send(exchange, now.up() ? 200 : 503, JSON, now.toJson());
                } else if (other != null) {
                    other.handle(exchange);
                } else {
                    sendError(exchange, 404, "unknown path " + path + "; try /metrics or /health");
                }
            } catch (RuntimeException e) {
                LOG.warn("{} HTTP {} failed: {}", service, path, e.toString());
                sendError(exchange, 500, String.valueOf(e.getMessage()));
            }
        }
    }

    /** Sends {@code {"error":message}} with a status. */
    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON, Json.line(Map.of("error", message)));
    }

    /** Sends {@code body} with a status and content type; a trailing newline is added when missing. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once and ends the handler threads, interrupting long-lived answers. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
