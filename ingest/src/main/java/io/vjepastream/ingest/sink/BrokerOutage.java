package io.vjepastream.ingest.sink;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the brokers take the sink's pairs: from the first pair the producer could not queue in time
 * to the next acknowledgement. A pair that waits is sent again, so the outage is said here, once a
 * minute, instead of being counted as a lost pair.
 */
final class BrokerOutage {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutage.class);
    private static final long NONE = Long.MIN_VALUE;
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String bootstrap;
    private final AtomicLong since = new AtomicLong(NONE);
    private final AtomicLong lastLogged = new AtomicLong(NONE);
    private volatile String reason;

    BrokerOutage(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * A pair could not be queued within the producer's {@code max.block.ms} and waits.
     *
     * @param connected whether the producer holds a connection to some broker: without one, no broker
     *                  answers; with one, the brokers answer but do not take the pair (a missing topic)
     */
    void waiting(String streamId, long sequence, Exception refusal, boolean connected) {
        long now = System.nanoTime();
        // The reason first: a reader that sees the outage begun must find its reason too.
        reason = connected
                ? "Kafka at " + bootstrap + " does not take the pairs: " + refusal.getMessage()
                : "no answer from Kafka at " + bootstrap + " (is the broker running?)";
        since.compareAndSet(NONE, now);
        long logged = lastLogged.get();
        if ((logged == NONE || now - logged >= LOG_EVERY_NANOS) && lastLogged.compareAndSet(logged, now)) {
            LOG.warn("stream {}: {}; pair {} waits and is sent when it does", streamId, reason, sequence);
        }
    }

    /** A pair was acknowledged: the brokers answer again. */
    void ended() {
        long began = since.getAndSet(NONE);
        if (began != NONE) {
            lastLogged.set(NONE);
            LOG.info("Kafka at {} takes pairs again after {} s", bootstrap,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
        }
    }

    /** While pairs wait: what is wrong and for how long, e.g. {@code no answer from Kafka at h:9092 (...) for 25 s}. */
    Optional<String> describe() {
        long began = since.get();
        if (began == NONE) {
            return Optional.empty();
        }
        return Optional.of(reason + " for " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began) + " s");
    }
}
