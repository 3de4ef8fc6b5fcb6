package io.vjepastream.ingest;

/** Where one stream of an {@link IngestService} is in its life. */
public enum StreamState {
    /** The service has not been started. */
    PENDING,
    /** The source is being opened. */
    OPENING,
    /**
     * A live source is not up yet: it is tried, and retried with the reconnect backoff, until its first
     * frame arrives (then RUNNING) or the attempts allowed are used up (then FAILED).
     */
    CONNECTING,
    /** Frames are being read. */
    RUNNING,
    /** A finite source reached its end; every pair was handed to the sink. */
    COMPLETED,
    /** The source could not be opened or failed while reading; other streams are unaffected. */
    FAILED,
    /** The service was closed while the stream was still running. */
    STOPPED;

    /** True once the stream will read no more frames. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }
}
