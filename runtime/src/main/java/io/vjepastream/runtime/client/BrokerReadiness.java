package io.vjepastream.runtime.client;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Waits until a broker is ready for clients: an Admin {@code describeCluster} answers with at least
 * one node. A started server process alone does not mean its listeners and metadata are up; a
 * service that starts against an absent cluster should say so once, naming the address, rather than
 * run on with nothing to read.
 */
public final class BrokerReadiness {
    /** How long a service waits at start for its cluster to answer before it gives up. */
    public static final Duration SERVICE_START_WAIT = Duration.ofSeconds(10);
    private static final long RETRY_MILLIS = 100;

    private BrokerReadiness() {
    }

    /**
     * Returns once the broker at {@code bootstrapServers} answers.
     *
     * @throws IllegalStateException when it does not answer within {@code timeout}
     */
    public static void await(String bootstrapServers, Duration timeout) {
        await(bootstrapServers, Map.of(), timeout);
    }

    /**
     * As {@link #await(String, Duration)}, logging in with {@code clientProperties} (security settings).
     *
     * @throws IllegalStateException when it does not answer within {@code timeout}, or at once when it
     *                               refuses the login
     */
    public static void await(String bootstrapServers, Map<String, ?> clientProperties, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, timeout.toMillis()));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                long remaining = Math.max(deadline - System.nanoTime(), 0);
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(remaining, TimeUnit.NANOSECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    Optional<String> tls = TlsFailure.describe(bootstrapServers, e.getCause());
                    if (tls.isPresent()) {
                        throw new IllegalStateException(tls.get(), e.getCause());
                    }
                    if (e.getCause() instanceof AuthenticationException refused) {
                        throw new IllegalStateException("Kafka at " + bootstrapServers + " refused the login: "
                                + refused.getMessage(), refused);
                    }
                    if (System.nanoTime() >= deadline) {
                        throw noAnswer(bootstrapServers, timeout, e);
                    }
                } catch (TimeoutException e) {
                    if (System.nanoTime() >= deadline) {
                        throw noAnswer(bootstrapServers, timeout, e);
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers
                            + " reports no nodes after " + timeout.toSeconds() + "s");
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka at " + bootstrapServers, e);
        }
    }

    private static IllegalStateException noAnswer(String bootstrapServers, Duration timeout, Exception cause) {
        return new IllegalStateException("no answer from Kafka at " + bootstrapServers + " within "
                + timeout.toSeconds() + "s (is the broker running?)", cause);
    }
}
