package io.vjepastream.ingest.sink;

import io.vjepastream.records.FramePair;
import java.util.Optional;

/**
 * Where assembled frame pairs go. Every stream's thread sends to the same sink, so implementations
 * must be thread-safe, and must keep each stream's pairs in the order they were sent.
 */
public interface PairSink extends AutoCloseable {
    /**
     * Hands one pair over; may return before it is durably stored.
     *
     * @throws RuntimeException when the pair cannot even be queued (e.g. the sink is closed)
     */
    void send(FramePair pair);

    /** Blocks until every pair sent so far is stored or has failed. */
    void flush();

    /**
     * After {@link #flush}: when pairs of {@code streamId} that {@link #send} accepted were not stored
     * after all, how many, where and why, in one line.
     */
    default Optional<String> lost(String streamId) {
        return Optional.empty();
    }

    /** While pairs cannot be stored yet and wait (the store is away): why, in one line. */
    default Optional<String> outage() {
        return Optional.empty();
    }

    /** Flushes and releases the sink. */
    @Override
    void close();
}
