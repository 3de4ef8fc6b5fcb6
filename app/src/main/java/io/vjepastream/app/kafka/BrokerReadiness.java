package io.vjepastream.app.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * Waits until a broker is ready for clients: an Admin {@code describeCluster} answers with at least
 * one node. A started server process alone does not mean its listeners and metadata are up.
 */
final class BrokerReadiness {
    private static final long RETRY_MILLIS = 100;

    private BrokerReadiness() {
    }

    /**
     * Returns once the broker at {@code bootstrapServers} answers.
     *
     * @throws IllegalStateException when it does not answer within {@code timeout}
     */
    static void await(String bootstrapServers, Duration timeout) {
        await(bootstrapServers, Map.of(), timeout);
    }

    /**
     * As {@link #await(String, Duration)}, logging in with {@code clientProperties} (security settings).
     *
     * @throws IllegalStateException when it does not answer within {@code timeout}
     */
    static void await(String bootstrapServers, Map<String, Object> clientProperties, Duration timeout) {
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
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() >= deadline) {
                        throw new IllegalStateException("embedded Kafka broker at " + bootstrapServers
                                + " did not answer within " + timeout.toSeconds() + "s", e);
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw new IllegalStateException("embedded Kafka broker at " + bootstrapServers
                            + " reports no nodes after " + timeout.toSeconds() + "s");
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }
}
