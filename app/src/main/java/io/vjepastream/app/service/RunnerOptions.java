package io.vjepastream.app.service;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.runtime.Service;
import io.vjepastream.runtime.ServiceRunner;
import io.vjepastream.runtime.http.ServiceEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every service command shares: where its HTTP endpoint listens and how often it prints its status. */
public final class RunnerOptions {
    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = {"Serve /metrics (Prometheus) and /health (the embedder also /metrics.json, /model and"
                + " /streams) on this port; 0 picks a free one (printed at start), -1 turns it off."
                + " Default: ${DEFAULT-VALUE}."})
    private int httpPort;

    @Option(names = "--status-every", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to print progress. Default: ${DEFAULT-VALUE}.")
    private Duration statusEvery;

    /** Creates the options; picocli fills them in. */
    public RunnerOptions() {
    }

    /**
     * Refuses a port out of range before anything starts.
     *
     * @throws IllegalArgumentException naming {@code --http-port} and the value
     */
    public void check() {
        ServiceEndpoint.checkPort("--http-port", httpPort);
    }

    /** A runner of {@code service} with these options, announcing to {@code out}. */
    public ServiceRunner.Builder runner(Service service, PrintWriter out) {
        return ServiceRunner.builder(service).out(out).statusEvery(statusEvery).httpPort(httpPort);
    }
}
