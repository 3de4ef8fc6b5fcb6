package io.vjepastream.ingest;

import io.vjepastream.runtime.http.ServiceHealth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an {@link IngestService} is doing, for a health endpoint.
 *
 * @param status the summary
 * @param streams each stream's state, in the order the sources were given
 * @param outage while pairs wait because the sink's store is away: why; null otherwise
 */
public record IngestHealth(Status status, Map<String, StreamState> streams, String outage) {
    /** The summary of a service's health. */
    public enum Status {
        /** Started, not closed, and no stream has failed. */
        UP,
        /** Some streams failed; the others are running or completed. */
        DEGRADED,
        /** Not started, closed, every stream failed, or the pairs cannot be stored for now. */
        DOWN
    }

    /** Copies the stream map. */
    public IngestHealth {
        streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
    }

    /** A health without an outage of the store. */
    public IngestHealth(Status status, Map<String, StreamState> streams) {
        this(status, streams, null);
    }

    /**
     * This health as {@code /health} serves it: up when the service runs, every stream is RUNNING or
     * COMPLETED and the store takes the pairs; the parts are the streams' states.
     */
    public ServiceHealth toServiceHealth() {
        Map<String, String> parts = new LinkedHashMap<>();
        streams.forEach((stream, state) -> parts.put(stream, state.name()));
        long notUp = streams.values().stream()
                .filter(s -> s != StreamState.RUNNING && s != StreamState.COMPLETED).count();
        boolean up = status != Status.DOWN && notUp == 0;
        String detail;
        if (outage != null) {
            detail = outage;
        } else if (up) {
            detail = streams.size() + " stream(s) running or completed";
        } else if (status == Status.DOWN && notUp == 0) {
            detail = "ingest is not running";
        } else {
            detail = notUp + " of " + streams.size() + " stream(s) neither running nor completed";
        }
        return new ServiceHealth(up, detail, parts);
    }

    /** True when the status is {@link Status#UP}. */
    public boolean healthy() {
        return status == Status.UP;
    }
}
