package io.vjepastream.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafkaBroker} for all the tests of a class, with every product topic created on it:
 * started before the class's first test and its {@code @BeforeAll} methods, closed after its last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedBroker broker = new SharedBroker();
 *
 * @Test
 * void something() {
 *     ... broker.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>Topics get one partition unless {@link #partitions(int)} asks for more, and a replication factor of 1,
 * the only one a single broker can hold. Tests share the broker, so each one uses its own consumer groups,
 * stream keys or topics where records of another test would get in its way.
 */
public final class SharedBroker implements BeforeAllCallback, AfterAllCallback {
    private int partitions = 1;
    private EmbeddedKafkaBroker broker;
    /** The test class whose run started the broker; only its end closes it. */
    private Class<?> owner;

    /** Partitions of every topic created on the broker; 1 unless set. */
    public SharedBroker partitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + partitions);
        }
        this.partitions = partitions;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // A @Nested class runs these callbacks again inside its outer class: it keeps the broker already running.
        if (broker == null) {
            broker = EmbeddedKafkaBroker.builder().build().start();
            owner = context.getRequiredTestClass();
            TopicSetup.createAll(broker.bootstrapServers(), partitions, (short) 1);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null && context.getRequiredTestClass() == owner) {
            broker.close();
            broker = null;
        }
    }

    /** {@code 127.0.0.1:PORT} of the running broker, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return embedded().bootstrapServers();
    }

    /** The running broker itself, for tests that need more than its address, such as a restart. */
    public EmbeddedKafkaBroker embedded() {
        if (broker == null) {
            throw new IllegalStateException("the shared broker runs only while its test class runs");
        }
        return broker;
    }
}
