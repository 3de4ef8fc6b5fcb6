package io.vjepastream.ingest;

import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.source.VideoSources;
import io.vjepastream.ingest.time.CaptureClock;

/**
 * Opens the {@link VideoSource} for a spec at the configured resolution. The default is
 * {@link VideoSources#open}; another opener can add sources of its own kind.
 */
@FunctionalInterface
public interface SourceOpener {
    /**
     * @throws io.vjepastream.ingest.source.SourceException when the source cannot be opened
     */
    VideoSource open(SourceSpec spec, IngestConfig config, CaptureClock clock);

    /** Files, network streams and cameras through FFmpeg; {@code images:} and {@code synthetic:} in the JVM. */
    static SourceOpener standard() {
        return (spec, config, clock) ->
                VideoSources.open(spec, config.imageSize(), config.imageSize(), config.openTimeout(), clock,
                        config.decodeThreads());
    }
}
