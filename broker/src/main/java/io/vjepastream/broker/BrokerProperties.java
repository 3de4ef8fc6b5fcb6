package io.vjepastream.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a single-node KRaft broker that is also its own controller, tuned for one
 * machine: every replication factor is 1, group joins do not wait, and large frame pairs fit.
 */
final class BrokerProperties {
    /** Node id of the only node; it is both broker and controller. */
    static final int NODE_ID = 1;
    /** Listener the controller quorum talks on. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Largest record batch the broker accepts: frame pairs of several raw frames must fit. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private BrokerProperties() {
    }

    /**
     * The broker's properties, with {@code extra} applied last so callers can override anything.
     *
     * @param brokerPort     the port clients connect to on 127.0.0.1
     * @param controllerPort the port of the controller listener on 127.0.0.1
     * @param logDir         the directory holding both the partition logs and the metadata log
     * @param extra          properties that replace or add to the defaults
     */
    static Properties of(int brokerPort, int controllerPort, Path logDir, Map<String, String> extra) {
        return of(brokerPort, controllerPort, logDir, ClientListener.PLAINTEXT, extra);
    }

    /**
     * As {@link #of(int, int, Path, Map)}, with {@code listener} as the listener clients and the broker
     * itself use; the controller listener stays PLAINTEXT on 127.0.0.1.
     */
    static Properties of(int brokerPort, int controllerPort, Path logDir, ClientListener listener,
            Map<String, String> extra) {
        String client = listener.protocol();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // A static one-voter quorum: nothing to bootstrap, the node elects itself at once.
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", client);
        p.put("listeners", client + "://127.0.0.1:" + brokerPort + ","
                + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", client + "://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", client + ":" + client + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.putAll(listener.brokerProperties());
        p.put("log.dirs", logDir.toAbsolutePath().toString());

        // One node: every internal topic has one replica and one in-sync replica is enough.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions make the first consumer group and transaction start fast.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");

        p.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));

        // The machine is shared with the pipeline itself: keep the broker's thread pools small.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));

        p.putAll(extra);
        return p;
    }
}
