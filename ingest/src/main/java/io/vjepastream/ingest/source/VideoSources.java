package io.vjepastream.ingest.source;

import io.vjepastream.ingest.time.CaptureClock;
import java.time.Duration;

/** Opens the right {@link VideoSource} for a {@link SourceSpec}. */
public final class VideoSources {
    private VideoSources() {
    }

    /**
     * Validates the spec and opens its source.
     *
     * @param spec what to read
     * @param width frame width in pixels the frames are scaled to
     * @param height frame height in pixels the frames are scaled to
     * @param ioTimeout how long a network open or read may block
     * @param clock stamps each frame's capture time
     * @throws SourceException when the source is missing, unreadable or not video
     */
    public static VideoSource open(SourceSpec spec, int width, int height, Duration ioTimeout, CaptureClock clock) {
        spec.validate();
        return switch (spec.kind()) {
            case SYNTHETIC -> new SyntheticVideoSource(spec, SyntheticSettings.parse(spec.uri()), width, height, clock);
            case FILE, NETWORK -> FfmpegVideoSource.open(spec, width, height, ioTimeout, clock);
        };
    }
}
