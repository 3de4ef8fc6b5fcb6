package io.vjepastream.embedder;

import io.vjepastream.model.Scored;
import io.vjepastream.model.StreamPair;
import io.vjepastream.records.FramePair;

/**
 * A frame pair accepted by a scoring processor and not yet answered: the record it came in, the model
 * input made from it, and, once its batch has been scored, the model's reading and version or the
 * reason it could not be scored.
 *
 * <p>Belongs to one processor (one task); only the stream thread running that task touches it.
 */
final class PendingPair {
    private final Object owner;
    private final long offset;
    private final String key;
    private final long timestamp;
    private final byte[] value;
    private final FramePair pair;
    private final StreamPair input;
    private final long arrivedMs;
    private Scored scored;
    private String version;
    private String failure;

    PendingPair(Object owner, long offset, String key, long timestamp, byte[] value, FramePair pair, StreamPair input,
            long arrivedMs) {
        this.owner = owner;
        this.offset = offset;
        this.key = key;
        this.timestamp = timestamp;
        this.value = value;
        this.pair = pair;
        this.input = input;
        this.arrivedMs = arrivedMs;
    }

    /** The processor that accepted the pair and answers it. */
    Object owner() { return owner; }
    /** Offset of the input record on its partition; the key of the pair in the pending store. */
    long offset() { return offset; }
    String key() { return key; }
    long timestamp() { return timestamp; }
    /** The record's original bytes, as dead-lettered when the pair cannot be scored. */
    byte[] value() { return value; }
    FramePair pair() { return pair; }
    /** The model input with the stream and frame timestamps that let the scorer reuse frame encodings. */
    StreamPair input() { return input; }
    /** Wall-clock milliseconds when the pair was accepted (or restored). */
    long arrivedMs() { return arrivedMs; }
    Scored scored() { return scored; }
    String version() { return version; }
    /** Why the model refused the pair, or null. */
    String failure() { return failure; }

    /** True once the pair has been scored or refused. */
    boolean isDone() {
        return scored != null || failure != null;
    }

    void scored(Scored result, String modelVersion) {
        this.scored = result;
        this.version = modelVersion;
    }

    void failed(String reason, String modelVersion) {
        this.failure = reason;
        this.version = modelVersion;
    }
}
