package io.vjepastream.runtime;

import io.vjepastream.runtime.http.ServiceEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs one {@link Service} as the foreground job of a process: serves its HTTP endpoint, starts it, prints
 * its status every {@code statusEvery} until SIGTERM or Ctrl-C (or until it ends by itself), then closes
 * it, prints the final status, closes what was handed over with {@link Builder#thenClose}, and only then
 * lets a pending JVM shutdown go on, so producers flush and the trainer writes its last checkpoint.
 *
 * <pre>{@code
 * ServiceRunner.builder(trainer).out(out).httpPort(0).status(() -> out.println(line(trainer))).build().run();
 * }</pre>
 */
public final class ServiceRunner {
    /** How often the status is printed unless told otherwise. */
    public static final Duration DEFAULT_STATUS_EVERY = Duration.ofSeconds(10);

    private final Service service;
    private final PrintWriter out;
    private final Duration statusEvery;
    private final int httpPort;
    private final Runnable status;
    private final List<AutoCloseable> thenClose;

    ServiceRunner(Builder b) {
        this.service = b.service;
        this.out = Objects.requireNonNull(b.out, "out");
        this.statusEvery = b.statusEvery;
        this.httpPort = b.httpPort;
        this.status = b.status;
        this.thenClose = List.copyOf(b.thenClose);
    }

    /** A runner of {@code service}, which it closes. */
    public static Builder builder(Service service) {
        return new Builder(Objects.requireNonNull(service, "service"));
    }

    /**
     * Runs the service until it is told to stop or ends by itself, and closes it.
     *
     * @throws IllegalStateException naming the service and the cause when it stopped because it failed
     */
    public void run() throws Exception {
        Exception closing = null;
        ShutdownSignal stop = new ShutdownSignal("vjepa-" + service.name());
        try (stop) {
            try (service; ServiceEndpoint http = httpPort == ServiceEndpoint.OFF ? null : ServiceEndpoint.serve(service, httpPort)) {
                if (http != null) {
                    out.println(http.announcement());
                    out.flush();
                }
                service.start();
                while (!stop.await(statusEvery) && !service.awaitFinished(Duration.ZERO)) {
                    status.run();
                }
                // Closed here as well as by the try: the final status must count everything the service kept.
                service.close();
                status.run();
            } finally {
                for (AutoCloseable resource : thenClose) {
                    try {
                        resource.close();
                    } catch (Exception e) {
                        closing = closing == null ? e : closing;
                    }
                }
            }
        }
        if (service.failure().isPresent()) {
            Throwable cause = service.failure().get();
            throw new IllegalStateException(service.name() + " failed: " + cause.getMessage(), cause);
        }
        if (closing != null) {
            throw closing;
        }
    }

    /** What a {@link ServiceRunner} prints and serves. */
    public static final class Builder {
        private final Service service;
        private PrintWriter out;
        private Duration statusEvery = DEFAULT_STATUS_EVERY;
        private int httpPort = ServiceEndpoint.OFF;
        private Runnable status = () -> { };
        private final List<AutoCloseable> thenClose = new ArrayList<>();

        Builder(Service service) {
            this.service = service;
        }

        /** Where the HTTP announcement goes. */
        public Builder out(PrintWriter v) { out = v; return this; }

        /** How often {@link #status} runs; default {@link #DEFAULT_STATUS_EVERY}. */
        public Builder statusEvery(Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("the status interval must be positive, got " + v);
            }
            statusEvery = v;
            return this;
        }

        /**
         * The HTTP port: {@link ServiceEndpoint#OFF} (the default) for none, 0 for any free port.
         *
         * @throws IllegalArgumentException naming {@code --http-port} when out of range
         */
        public Builder httpPort(int v) {
            ServiceEndpoint.checkPort("--http-port", v);
            httpPort = v;
            return this;
        }

        /** Prints the service's status; runs every interval and once after the service is closed. */
        public Builder status(Runnable v) { status = Objects.requireNonNull(v, "status"); return this; }

        /** Closed after the service, in the order given, before a pending JVM shutdown goes on. */
        public Builder thenClose(AutoCloseable... resources) {
            for (AutoCloseable r : resources) {
                if (r != null) {
                    thenClose.add(r);
                }
            }
            return this;
        }

        /** The runner. */
        public ServiceRunner build() {
            return new ServiceRunner(this);
        }
    }
}
