package io.vjepastream.runtime.http;

import io.vjepastream.schemas.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a service is doing its job, as {@code GET /health} reports it: a verdict, one line saying
 * why, and the state of each of its parts (for ingest, each stream).
 *
 * @param up true when the service is doing its job
 * @param detail one line saying why, for example {@code "2 streams RUNNING"}
 * @param parts the state of each part by name, in a stable order; empty when the service has none
 */
public record ServiceHealth(boolean up, String detail, Map<String, String> parts) {
    /** Copies {@code parts}, keeping its order. */
    public ServiceHealth {
        Objects.requireNonNull(detail, "detail");
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** Up, with no parts. */
    public static ServiceHealth up(String detail) {
        return new ServiceHealth(true, detail, Map.of());
    }

    /** Down, with no parts. */
    public static ServiceHealth down(String detail) {
        return new ServiceHealth(false, detail, Map.of());
    }

    /** {@code "UP"} or {@code "DOWN"}. */
    public String status() {
        return up ? "UP" : "DOWN";
    }

    /** The JSON body of {@code /health}: {@code {"status":"UP","detail":"...","parts":{"name":"state"}}}. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status());
        json.put("detail", detail);
        if (!parts.isEmpty()) {
            json.put("parts", parts); // left out when empty, as services without parts always answered
        }
        return Json.line(json);
    }
}
