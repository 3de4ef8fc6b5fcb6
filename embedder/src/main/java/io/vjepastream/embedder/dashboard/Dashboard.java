package io.vjepastream.embedder.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.runtime.http.ServiceEndpoint;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * The live dashboard at {@code /} of the embedder's HTTP port: per stream the energy curve with its anomaly
 * flags and model swaps, the z-score, and the newest frame with its per-patch energy as a heat map; beside
 * them the panels other services add ({@code vjepa local} adds the trainer's and ingest's). The page gets
 * its data as server-sent events from {@code /dashboard/events}, twice a second, and draws its charts with
 * uPlot from the WebJar on the classpath.
 *
 * <ul>
 *   <li>{@code /}: the page; {@code /dashboard/app.js} and {@code /dashboard/app.css} its script and style;</li>
 *   <li>{@code /dashboard/events}: the event stream, each event the answers since the last one (the first:
 *       every answer kept), each stream's newest patch energy, and the panels;</li>
 *   <li>{@code /dashboard/frame.png?stream=ID}: stream ID's newest answered target frame;</li>
 *   <li>{@code /webjars/...}: the WebJars' files.</li>
 * </ul>
 */
public final class Dashboard {
    /** How often an event is sent. */
    static final Duration PERIOD = Duration.ofMillis(500);
    private static final String RESOURCES = "/io/vjepastream/embedder/dashboard/";
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/dashboard/app.js", "app.js",
            "/dashboard/app.css", "app.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");

    private final AnswerFeed feed;
    private final Map<String, Supplier<Map<String, Object>>> panels = new ConcurrentHashMap<>();

    /**
     * A dashboard of {@code feed}'s answers.
     *
     * @param status the embedder's own panel: the model serving and the counters
     */
    public Dashboard(AnswerFeed feed, Supplier<Map<String, Object>> status) {
        this.feed = feed;
        panels.put("embedder", status);
    }

    /** Adds a panel of name/value rows, read at every event: {@code vjepa local} shows the trainer's and ingest's. */
    public void panel(String name, Supplier<Map<String, Object>> rows) {
        panels.put(name, rows);
    }

    /** True for the paths this answers. */
    public boolean handles(String path) {
        return PAGES.containsKey(path) || path.startsWith("/dashboard/") || path.startsWith("/webjars/");
    }

    /** Answers one of {@link #handles(String) its paths}. */
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (PAGES.containsKey(path)) {
            sendResource(exchange, RESOURCES + PAGES.get(path));
        } else if (path.equals("/dashboard/events")) {
            streamEvents(exchange);
        } else if (path.equals("/dashboard/frame.png")) {
            sendFrame(exchange, query(exchange, "stream"));
        } else if (path.startsWith("/webjars/") && !path.contains("..")) {
            sendResource(exchange, "/META-INF/resources" + path);
        } else {
            sendText(exchange, 404, "unknown dashboard path " + path);
        }
    }

    private void streamEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        long cursor = lastEventId(exchange);
        try (OutputStream out = exchange.getResponseBody()) {
            while (!Thread.currentThread().isInterrupted()) {
                List<AnswerFeed.Point> points = feed.since(cursor);
                if (!points.isEmpty()) {
                    cursor = points.get(points.size() - 1).index();
                }
                String event = "id: " + cursor + "\ndata: " + Json.line(event(points)) + "\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(PERIOD.toMillis());
            }
        } catch (IOException e) {
            // The page went away; EventSource reconnects with the last id if it comes back.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> event(List<AnswerFeed.Point> points) {
        List<Object[]> rows = new ArrayList<>(points.size());
        for (AnswerFeed.Point p : points) {
            rows.add(new Object[] {p.streamId(), p.sequence(), p.seconds(), p.energy(), p.zScore(),
                p.anomalous() ? 1 : 0, p.modelVersion(), p.captureMillis(), p.answeredMillis()});
        }
        Map<String, Object> newest = new LinkedHashMap<>();
        feed.newest().forEach((stream, n) -> newest.put(stream, Map.of("index", n.index(),
                "grid", (int) Math.round(Math.sqrt(n.patchEnergy().size())), "patch", n.patchEnergy())));
        Map<String, Object> panelValues = new LinkedHashMap<>();
        panels.forEach((name, rowsOf) -> panelValues.put(name, rowsOf.get()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("points", rows);
        event.put("newest", newest);
        event.put("panels", new TreeMap<>(panelValues));
        return event;
    }

    private void sendFrame(HttpExchange exchange, String streamId) throws IOException {
        Optional<Frame> frame = streamId == null ? Optional.empty() : feed.newestFrame(streamId);
        if (frame.isEmpty()) {
            sendText(exchange, 404, "no answered frame of stream " + streamId);
            return;
        }
        Frame f = frame.get();
        // A frame ingest stored as PNG or JPEG goes out as it is; a raw one is written as PNG.
        if (f.getEncoding() == FrameEncoding.PNG || f.getEncoding() == FrameEncoding.JPEG) {
            send(exchange, 200, f.getEncoding() == FrameEncoding.PNG ? TYPES.get("png") : "image/jpeg",
                    FramePixels.bytes(f.getData()));
            return;
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(FramePixels.image(FramePixels.rgb24(f), f.getWidth(), f.getHeight()), "png", png);
        send(exchange, 200, TYPES.get("png"), png.toByteArray());
    }

    private static void sendResource(HttpExchange exchange, String resource) throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
            if (in == null) {
                sendText(exchange, 404, "no such file " + exchange.getRequestURI().getPath());
                return;
            }
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String message) throws IOException {
        ServiceEndpoint.send(exchange, status, "text/plain; charset=utf-8", message);
    }

    private static long lastEventId(HttpExchange exchange) {
        String id = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        try {
            return id == null ? 0 : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
