package io.vjepastream.broker;

import io.vjepastream.runtime.client.BrokerReadiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running inside this JVM: Kafka's own KRaft server in combined
 * broker and controller mode, listening on 127.0.0.1 so that clients in other processes can connect.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
 *     TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
 *     ...
 * }
 * }</pre>
 *
 * <p>Without a data directory the broker keeps its logs in a temporary directory that {@link #close()}
 * deletes; a given data directory is kept and a later broker on it finds its topics again.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Attempts when a port picked as free was taken by someone else before the broker bound it. */
    private static final int PORT_ATTEMPTS = 3;

    private final int requestedPort;
    private final Path requestedDataDir;
    private final Map<String, String> extraProperties;
    private final Duration startupTimeout;
    private final ClientListener listener;

    private final Object lock = new Object();
    private KafkaRaftServer server;
    private Path dataDir;
    private boolean ownsDataDir;
    private int port;
    private boolean started;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder builder) {
        this.requestedPort = builder.port;
        this.requestedDataDir = builder.dataDir;
        this.extraProperties = Map.copyOf(builder.properties);
        this.startupTimeout = builder.startupTimeout;
        this.listener = ClientListener.of(builder.saslUsers, builder.tls);
    }

    /** A builder with defaults: a free port, a temporary data directory, a 60 second startup limit. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage when needed, starts the broker and waits until it answers an Admin
     * {@code describeCluster}.
     *
     * @return this broker, started
     * @throws IllegalStateException when it was started or closed before, or does not become ready in time
     */
    public EmbeddedKafkaBroker start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("embedded Kafka broker was already " + (closed ? "closed" : "started"));
            }
            started = true;
            try {
                ownsDataDir = requestedDataDir == null;
                dataDir = DataDirectory.prepare(requestedDataDir);
                startServer();
                BrokerReadiness.await(bootstrapServers(), listener.clientProperties(), startupTimeout);
                LOG.info("Kafka broker ready at {} (data in {})", bootstrapServers(), dataDir);
                return this;
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** {@code 127.0.0.1:PORT}, the value for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    /**
     * The {@code security.protocol} its clients need: {@code PLAINTEXT}, {@code SASL_PLAINTEXT} when the
     * broker was built with {@link Builder#saslPlainUsers(Map)}, {@code SSL} with {@link Builder#tls(TlsMaterial)}.
     */
    public String securityProtocol() {
        return listener.protocol();
    }

    /** The port clients connect to; still known after {@link #close()}. */
    public int port() {
        synchronized (lock) {
            requireStarted();
            return port;
        }
    }

    /** The directory that holds the broker's logs and metadata. */
    public Path dataDir() {
        synchronized (lock) {
            requireStarted();
            return dataDir;
        }
    }

    /**
     * Stops the broker, waits {@code downtime}, and starts it again on the same client port and data
     * directory, as a broker that goes down and comes back: topics, committed offsets, transactions and
     * idempotent producer state survive, and clients reconnect on their own.
     *
     * @param downtime how long the broker stays down; zero restarts at once
     * @return this broker, answering again
     * @throws IllegalStateException when it is not running, or does not come back in time
     * @throws InterruptedException when interrupted while down
     */
    public EmbeddedKafkaBroker restart(Duration downtime) throws InterruptedException {
        synchronized (lock) {
            if (!started || closed || server == null) {
                throw new IllegalStateException("only a running embedded Kafka broker can be restarted");
            }
            stopServer();
            LOG.info("Kafka broker at 127.0.0.1:{} stopped for a restart", port);
            Thread.sleep(Math.max(0, downtime.toMillis()));
            Properties properties = BrokerProperties.of(port, FreePort.pick(), dataDir, listener, extraProperties);
            server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                stopServer();
                throw new IllegalStateException("embedded Kafka broker failed to restart on 127.0.0.1:" + port
                        + " with data in " + dataDir + ": " + e.getMessage(), e);
            }
            BrokerReadiness.await(bootstrapServers(), listener.clientProperties(), startupTimeout);
            LOG.info("Kafka broker at {} restarted", bootstrapServers());
            return this;
        }
    }

    /** Stops the broker and deletes its temporary data directory; closing again does nothing. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            boolean wasRunning = server != null;
            stopServer();
            if (wasRunning) {
                LOG.info("Kafka broker at 127.0.0.1:{} stopped", port);
            }
            if (ownsDataDir && dataDir != null) {
                DataDirectory.deleteQuietly(dataDir);
            }
        }
    }

    private void startServer() {
        for (int attempt = 1; ; attempt++) {
            port = requestedPort == 0 ? FreePort.pick() : requestedPort;
            Properties properties = BrokerProperties.of(port, FreePort.pick(), dataDir, listener, extraProperties);
            KafkaConfig config = new KafkaConfig(properties, false);
            StorageFormat.formatIfNeeded(config, dataDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                return;
            } catch (RuntimeException e) {
                stopServer();
                // A port the caller asked for stays a failure; only picked ports are retried.
                if (requestedPort != 0 || !FreePort.wasTaken(e) || attempt >= PORT_ATTEMPTS) {
                    throw new IllegalStateException("embedded Kafka broker failed to start on 127.0.0.1:" + port
                            + ": " + e.getMessage(), e);
                }
                LOG.info("port {} was taken while starting the broker; trying another", port);
            }
        }
    }

    private void stopServer() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("embedded Kafka broker on port {} did not shut down cleanly: {}", port, e.toString());
        } finally {
            server = null;
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("embedded Kafka broker was never started");
        }
    }

    /** Settings of an {@link EmbeddedKafkaBroker}; every setter returns this builder. */
    public static final class Builder {
        private int port;
        private Path dataDir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> saslUsers = new LinkedHashMap<>();
        private TlsMaterial tls;

        private Builder() {
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("broker port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Keep the logs in this directory (created if missing, kept on close); null means a temporary one. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** One broker property that replaces or adds to the single-node defaults. */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several broker properties, as {@link #property(String, String)}. */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** How long {@link EmbeddedKafkaBroker#start()} waits for the broker to answer. */
        public Builder startupTimeout(Duration startupTimeout) {
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startup timeout must be positive, got " + startupTimeout);
            }
            this.startupTimeout = startupTimeout;
            return this;
        }

        /**
         * Opens the client listener as {@code SASL_PLAINTEXT} with mechanism {@code PLAIN} for these
         * users (name to password) instead of {@code PLAINTEXT}; clients without a valid login are
         * refused. The controller listener stays PLAINTEXT. Every authenticated user may do anything.
         *
         * @throws IllegalArgumentException (at {@link #build()}) for a name or password JAAS cannot carry
         */
        public Builder saslPlainUsers(Map<String, String> users) {
            saslUsers.clear();
            saslUsers.putAll(users);
            return this;
        }

        /**
         * Opens the client listener as {@code SSL} with mutual TLS instead of {@code PLAINTEXT}: the broker
         * shows the certificate of {@code tls}'s keystore, and admits only clients presenting a certificate
         * its truststore accepts. The broker presents its own certificate to itself, so the truststore must
         * accept that one too (one CA signing both does). The controller listener stays PLAINTEXT. Cannot be
         * combined with {@link #saslPlainUsers(Map)}; null turns it off again.
         */
        public Builder tls(TlsMaterial tls) {
            this.tls = tls;
            return this;
        }

        /**
         * A broker with these settings, not yet started.
         *
         * @throws IllegalArgumentException when both SASL users and TLS are set, or a SASL login is not allowed
         */
        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
