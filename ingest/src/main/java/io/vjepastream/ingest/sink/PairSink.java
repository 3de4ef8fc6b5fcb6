package io.vjepastream.ingest.sink;

import io.vjepastream.records.FramePair;

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

    /** Flushes and releases the sink. */
    @Override
    void close();
}
