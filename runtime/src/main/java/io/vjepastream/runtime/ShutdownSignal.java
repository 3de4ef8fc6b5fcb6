package io.vjepastream.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and Ctrl-C into a clean stop: the JVM's shutdown waits (up to a grace period) until
 * the command has closed its services, so producers flush and the trainer writes its final checkpoint.
 */
public final class ShutdownSignal implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    /** Registers the shutdown hook; close it when the services are closed. */
    public ShutdownSignal(String name) {
        hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    public boolean await(Duration timeout) throws InterruptedException {
        return stopRequested.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** True once SIGTERM or Ctrl-C arrived. */
    public boolean requested() {
        return stopRequested.getCount() == 0;
    }

    /** Lets a pending JVM shutdown proceed, or removes the hook when the command ends on its own. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting through the hook, which now returns.
        }
    }
}
