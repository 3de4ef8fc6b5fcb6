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

    /**
     * Something wrong that did not stop the stream, e.g. a file that ended well before the length its
     * header gives (truncated): one line naming the source. Null when there is nothing to report.
     */
    default String warning() {
        return null;
    }

    /** Releases the source; safe to call more than once. */
    @Override
    void close();
}
