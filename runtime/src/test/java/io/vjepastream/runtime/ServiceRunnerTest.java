package io.vjepastream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vjepastream.runtime.http.ServiceHealth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
    /** A service that counts to a limit, one step per status interval, and then ends by itself. */
    private static final class CountingService implements Service {
        final List<String> events;
        final int limit;
        final RuntimeException failAtEnd;
        final CountDownLatch done = new CountDownLatch(1);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        volatile int count;
        volatile boolean closed;

        CountingService(List<String> events, int limit, RuntimeException failAtEnd) {
            this.events = events;
            this.limit = limit;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public void start() {
            events.add("start");
            registry.counter("counted").increment();
        }

        @Override
        public ServiceHealth health() {
            return closed ? ServiceHealth.down("closed") : ServiceHealth.up("counted " + count);
        }

        @Override
        public MeterRegistry meterRegistry() {
            return registry;
        }

        @Override
        public boolean awaitFinished(Duration timeout) throws InterruptedException {
            if (++count >= limit) {
                done.countDown();
            }
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public Optional<Throwable> failure() {
            return done.getCount() == 0 ? Optional.ofNullable(failAtEnd) : Optional.empty();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                events.add("close");
            }
        }
    }

    @Test
    void runsUntilTheServiceEndsThenClosesItBeforeWhatWasHandedOver() throws Exception {
        List<String> events = new ArrayList<>();
        CountingService service = new CountingService(events, 3, null);
        StringWriter text = new StringWriter();
        ServiceRunner.builder(service).out(new PrintWriter(text)).statusEvery(Duration.ofMillis(5))
                .status(() -> events.add("status " + service.count + (service.closed ? " closed" : "")))
                .thenClose(() -> events.add("metrics closed"), null, () -> events.add("join closed"))
                .build().run();
        assertEquals(List.of("start", "status 1", "status 2", "close", "status 3 closed", "metrics closed", "join closed"),
                events);
        assertEquals("", text.toString(), "no HTTP port was asked for, so nothing is announced");
    }

    @Test
    void servesMetricsAndHealthOnTheAnnouncedPortWhileRunning() throws Exception {
        List<String> events = new ArrayList<>();
        CountingService service = new CountingService(events, 2, null);
        StringWriter text = new StringWriter();
        List<String> bodies = new ArrayList<>();
        Pattern announced = Pattern.compile("counter HTTP endpoint: (http://127\\.0\\.0\\.1:\\d+)/metrics \\1/health");
        ServiceRunner.builder(service).out(new PrintWriter(text)).statusEvery(Duration.ofMillis(5)).httpPort(0)
                .status(() -> {
                    Matcher m = announced.matcher(text.toString());
                    if (!service.closed && m.find()) {
                        bodies.add(get(m.group(1) + "/health"));
                        bodies.add(get(m.group(1) + "/metrics"));
                    }
                }).build().run();
        assertTrue(announced.matcher(text.toString()).find(), text.toString());
        assertEquals("{\"status\":\"UP\",\"detail\":\"counted 1\"}\n", bodies.get(0));
        assertTrue(bodies.get(1).contains("counted_total 1.0"), bodies.get(1));
    }

    @Test
    void aServiceThatFailedIsReportedByNameAfterEverythingIsClosed() {
        List<String> events = new ArrayList<>();
        IllegalStateException cause = new IllegalStateException("disk full");
        CountingService service = new CountingService(events, 1, cause);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceRunner.builder(service)
                .out(new PrintWriter(new StringWriter())).statusEvery(Duration.ofMillis(5))
                .thenClose(() -> events.add("metrics closed")).build().run());
        assertEquals("counter failed: disk full", e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals(List.of("start", "close", "metrics closed"), events);
    }

    @Test
    void aPortOutOfRangeIsRefusedByOptionName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceRunner.builder(new CountingService(new ArrayList<>(), 1, null)).httpPort(70_000));
        assertTrue(e.getMessage().contains("--http-port") && e.getMessage().contains("70000"), e.getMessage());
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(url, e);
        }
    }
}
