package io.vjepastream.ingest.source;

import io.vjepastream.ingest.time.CaptureClock;
import java.time.Duration;

/**
 * Opens the right {@link VideoSource} for a {@link SourceSpec}: FFmpeg for files, network streams and
 * cameras, {@link ImageSequenceSource} for {@code images:}, {@link SyntheticVideoSource} for
 * {@code synthetic:}; a looped file is wrapped in a {@link LoopingSource}. Reconnecting live sources is
 * the caller's choice (see {@link ReconnectingSource}).
 */
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
        return open(spec, width, height, ioTimeout, clock, FfmpegDecoding.DEFAULT_THREADS);
    }

    /**
     * Validates the spec and opens its source, FFmpeg decoding with the given thread count.
     *
     * @param decodeThreads FFmpeg decoder threads per stream; 0 lets FFmpeg choose
     * @throws SourceException when the source is missing, unreadable or not video
     */
    public static VideoSource open(SourceSpec spec, int width, int height, Duration ioTimeout, CaptureClock clock,
                                   int decodeThreads) {
        spec.validate();
        VideoSource first = openOnce(spec, width, height, ioTimeout, clock, decodeThreads);
        if (spec.kind() == SourceKind.FILE && spec.looped()) {
            // Image sequences loop by themselves; files are opened again at their end.
            return new LoopingSource(first, () -> openOnce(spec, width, height, ioTimeout, clock, decodeThreads));
        }
        return first;
    }

    private static VideoSource openOnce(SourceSpec spec, int width, int height, Duration ioTimeout,
                                        CaptureClock clock, int decodeThreads) {
        return switch (spec.kind()) {
            case SYNTHETIC -> new SyntheticVideoSource(spec, SyntheticSettings.parse(spec.uri()), width, height, clock);
            case IMAGES -> new ImageSequenceSource(spec, width, height, clock);
            case FILE, NETWORK, DEVICE -> FfmpegVideoSource.open(spec, width, height, ioTimeout, clock, decodeThreads);
        };
    }
}
