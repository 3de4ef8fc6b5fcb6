package io.vjepastream.ingest.queue;

/** What a full {@link HandoffQueue} does with one more item. */
public enum OverflowPolicy {
    /**
     * Discard the oldest queued item and take the new one, counting the discard. Live sources use it:
     * a camera cannot be paused, and the newest picture of the world is worth more than an old one.
     */
    DROP_OLDEST,
    /** Wait until there is room. Files use it: they can be read later, so nothing is lost. */
    BLOCK
}
