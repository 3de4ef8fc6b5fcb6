package io.vjepastream.runtime;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vjepastream.runtime.http.ServiceHealth;
import java.time.Duration;
import java.util.Optional;

/**
 * The face every vjepa service shows to whoever runs it: a {@link ServiceRunner} in its own process, the
 * local pipeline in one JVM, or an application that embeds the service. Ingest, the trainer and the
 * embedder implement it; their meters go to the registry they were built with.
 */
public interface Service extends AutoCloseable {
    /** The service's name, as in its meters' {@code service} tag: ingest, trainer or embedder. */
    String name();

    /**
     * Starts the service's threads and returns.
     *
     * @throws IllegalStateException when already started or closed
     */
    void start();

    /** Whether the service does its job now, and why not; served as {@code /health}. */
    ServiceHealth health();

    /** Where the service's meters are bound; served as {@code /metrics}. */
    MeterRegistry meterRegistry();

    /**
     * Waits up to {@code timeout} for the service to end by itself: finite sources all read, the step limit
     * reached, or a failure. A service that runs until it is closed waits the whole timeout.
     *
     * @return true once the service has ended by itself
     */
    boolean awaitFinished(Duration timeout) throws InterruptedException;

    /** Why the service stopped, when it stopped because something failed. */
    default Optional<Throwable> failure() {
        return Optional.empty();
    }

    /** GET paths the service answers beside {@code /metrics} and {@code /health}; null when none. */
    default HttpHandler httpPaths() {
        return null;
    }

    /** Stops the service, keeping what it has accepted. Safe to call more than once and before start. */
    @Override
    void close();
}
