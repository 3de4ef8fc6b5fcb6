package io.vjepastream.ingest.source;

/**
 * A stream of decoded frames at a fixed resolution. One thread reads a source; it is not shared.
 * Implementations own native or other resources, so always close them.
 */
public interface VideoSource extends AutoCloseable {
    /** What this source was opened from. */
    SourceSpec spec();

    /** True when the stream ends by itself (files, synthetic clips); false for live streams. */
    boolean finite();

    /**
     * The next frame, or null once the stream has ended.
     *
     * @throws SourceException when the stream fails; the source is unusable afterwards
     */
    DecodedFrame next();

    /** Releases the source; safe to call more than once. */
    @Override
    void close();
}
