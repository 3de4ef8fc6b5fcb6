package io.vjepastream.ingest.sink;

import io.vjepastream.records.FramePair;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps every pair in memory, in arrival order; refuses pairs after close. */
public final class CollectingPairSink implements PairSink {
    private final List<FramePair> pairs = new ArrayList<>();
    private int flushes;
    private boolean closed;

    @Override
    public synchronized void send(FramePair pair) {
        if (closed) {
            throw new IllegalStateException("sink is closed");
        }
        pairs.add(pair);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Every pair received so far. */
    public synchronized List<FramePair> pairs() {
        return List.copyOf(pairs);
    }

    /** Pairs of one stream, in order. */
    public synchronized List<FramePair> pairs(String streamId) {
        return pairs.stream().filter(p -> p.getStreamId().equals(streamId)).toList();
    }

    /** How often {@link #flush()} was called. */
    public synchronized int flushes() {
        return flushes;
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean closed() {
        return closed;
    }
}
