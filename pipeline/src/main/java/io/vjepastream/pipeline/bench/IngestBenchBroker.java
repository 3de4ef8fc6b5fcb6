package io.vjepastream.pipeline.bench;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's in-JVM broker, started from a thread of its own thread group so that every thread
 * the broker starts, now or later, belongs to that group (a thread inherits its creator's group).
 * That tells the broker's CPU apart from the ingest path's in the same process.
 */
final class IngestBenchBroker implements AutoCloseable {
    private final ThreadGroup group = new ThreadGroup("vjepa-bench-broker");
    private final EmbeddedKafkaBroker broker;

    private IngestBenchBroker() throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                EmbeddedKafkaBroker started = EmbeddedKafkaBroker.builder().build().start();
                TopicSetup.createAll(started.bootstrapServers(), 1, (short) 1);
                result.set(started);
            } catch (Exception | Error e) {
                result.set(e);
            }
        }, "vjepa-bench-broker-start");
        starter.start();
        starter.join();
        if (result.get() instanceof EmbeddedKafkaBroker started) {
            this.broker = started;
        } else {
            Throwable cause = (Throwable) result.get();
            throw new IllegalStateException("the benchmark's Kafka broker did not start: " + cause, cause);
        }
    }

    /** Starts a broker and creates the topics. */
    static IngestBenchBroker start() throws InterruptedException {
        return new IngestBenchBroker();
    }

    /** Where clients connect. */
    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * CPU time of the broker's live threads so far, in nanoseconds; 0 where the JVM cannot tell a
     * thread's CPU time. Differences between two calls are the broker's CPU over the interval (a thread
     * that ended in between takes its time with it; the broker's threads live as long as it does).
     */
    long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return 0;
        }
        Thread[] live = new Thread[group.activeCount() + 64];
        int n = group.enumerate(live, true);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long cpu = threads.getThreadCpuTime(live[i].getId());
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        broker.close();
    }
}
