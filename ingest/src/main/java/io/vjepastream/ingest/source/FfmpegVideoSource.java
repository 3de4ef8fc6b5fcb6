package io.vjepastream.ingest.source;

import io.vjepastream.ingest.time.CaptureClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a file or network stream with FFmpeg, which also scales every frame to the requested size
 * and converts it to RGB24. Frames carry FFmpeg's presentation time in microseconds and the capture
 * time of the {@link CaptureClock}.
 *
 * <p>Network sources are opened with their {@link SourceOptions} ({@code rtsp_transport} tcp unless
 * {@code transport=udp}, {@code rtsp_flags=listen} for {@code listen=1}, a forced demuxer for
 * {@code format=}) and with I/O timeouts, so that neither opening nor reading can hang forever.
 * {@code v4l2:} cameras are opened with FFmpeg's video4linux2 input at the requested size, rate and
 * pixel format. Subclasses may override {@link #configure(FFmpegFrameGrabber)} or
 * wrap {@link #next()} to add options or reconnect.
 */
class FfmpegVideoSource implements VideoSource {

    private final SourceSpec spec;
    private final int width;
    private final int height;
    private final Duration ioTimeout;
    private final CaptureClock clock;
    private final int decodeThreads;
    private FFmpegFrameGrabber grabber;
    private long framesRead;
    private String warning;

    /**
     * Makes an unopened source; {@link #open(SourceSpec, int, int, Duration, CaptureClock)} is the usual entry.
     *
     * @param spec a file or network source
     * @param width frame width FFmpeg scales to
     * @param height frame height FFmpeg scales to
     * @param ioTimeout limit for a network open or read
     * @param clock stamps each frame's capture time
     */
    protected FfmpegVideoSource(SourceSpec spec, int width, int height, Duration ioTimeout, CaptureClock clock) {
        this(spec, width, height, ioTimeout, clock, FfmpegDecoding.DEFAULT_THREADS);
    }

    /**
     * Makes an unopened source with a decoder thread count.
     *
     * @param spec a file or network source
     * @param width frame width FFmpeg scales to
     * @param height frame height FFmpeg scales to
     * @param ioTimeout limit for a network open or read
     * @param clock stamps each frame's capture time
     * @param decodeThreads decoder threads; 0 lets FFmpeg choose
     */
    protected FfmpegVideoSource(SourceSpec spec, int width, int height, Duration ioTimeout, CaptureClock clock,
                                int decodeThreads) {
        if (spec.kind() == SourceKind.SYNTHETIC || spec.kind() == SourceKind.IMAGES) {
            throw new IllegalArgumentException(spec.uri() + ": " + spec.kind() + " sources are not decoded by FFmpeg");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive but is " + width + "x" + height);
        }
        this.spec = spec;
        this.width = width;
        this.height = height;
        this.ioTimeout = Objects.requireNonNull(ioTimeout, "ioTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decodeThreads = FfmpegDecoding.checkThreads(decodeThreads);
    }

    /**
     * Opens the source and reads its header.
     *
     * @throws SourceException naming the source and FFmpeg's reason when it is missing, not video, or unreachable
     */
    public static FfmpegVideoSource open(SourceSpec spec, int width, int height, Duration ioTimeout, CaptureClock clock) {
        return open(spec, width, height, ioTimeout, clock, FfmpegDecoding.DEFAULT_THREADS);
    }

    /**
     * Opens the source with a decoder thread count and reads its header.
     *
     * @param decodeThreads decoder threads; 0 lets FFmpeg choose
     * @throws SourceException naming the source and FFmpeg's reason when it is missing, not video, or unreachable
     */
    public static FfmpegVideoSource open(SourceSpec spec, int width, int height, Duration ioTimeout, CaptureClock clock,
                                         int decodeThreads) {
        FfmpegVideoSource source = new FfmpegVideoSource(spec, width, height, ioTimeout, clock, decodeThreads);
        source.openInput();
        return source;
    }

    /**
     * Opens the input, releasing any grabber opened before, so a subclass may call it again to
     * reconnect. A grabber whose input is not usable video is released before the exception leaves.
     */
    protected final void openInput() {
        close();
        spec.validate();
        String input = spec.kind() == SourceKind.DEVICE ? DeviceAndImageSpecs.devicePath(spec).toString()
                : spec.path().map(Object::toString).orElse(spec.uri());
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(input);
        configure(g);
        try {
            if (spec.live()) {
                // JavaCV's start() holds one JVM-wide lock for the whole open; a camera that takes its
                // full timeout to answer (or a listener waiting for a pusher) would stall every other
                // source's open. FFmpeg's own codec opening is thread-safe, so live sources skip the lock.
                g.startUnsafe();
            } else {
                g.start();
            }
            if (!g.hasVideo()) {
                throw new SourceException(spec.displayName() + ": no video stream" + where() + ", format "
                        + g.getFormat());
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            if (e instanceof SourceException se) {
                throw se;
            }
            String reason = FfmpegErrors.reason(e);
            if (spec.kind() == SourceKind.DEVICE && reason.contains("video4linux2")) {
                reason += " FFmpeg's device inputs (libavdevice) could not be loaded on this machine;"
                        + " check that its system libraries (e.g. libpulse, libasound) are installed";
            }
            throw new SourceException(spec.displayName() + ": cannot open as video" + where() + ": " + reason, e);
        }
        this.grabber = g;
    }

    /**
     * Sets output size, pixel format, scaler and decoder threads ({@link FfmpegDecoding}) and, for
     * network inputs, transport and timeouts. Called on every new grabber before it starts.
     */
    protected void configure(FFmpegFrameGrabber g) {
        FfmpegDecoding.apply(g, width, height, decodeThreads);
        SourceOptions options = spec.options();
        if (spec.kind() == SourceKind.DEVICE) {
            configureDevice(g, options);
        } else if (spec.kind() == SourceKind.NETWORK) {
            configureNetwork(g, options);
        }
    }

    private void configureNetwork(FFmpegFrameGrabber g, SourceOptions options) {
        Duration timeout = options.timeout().orElse(ioTimeout);
        String micros = Long.toString(timeout.toNanos() / 1_000L);
        options.get("format").ifPresent(g::setFormat);
        if (spec.uri().regionMatches(true, 0, "rtsp", 0, 4)) {
            g.setOption("rtsp_transport", options.transport().orElse("tcp"));
            if (options.flag("listen")) {
                g.setOption("rtsp_flags", "listen");
                // In seconds: how long to wait for a client to connect and push.
                g.setOption("listen_timeout", Long.toString(Math.max(1, timeout.toSeconds())));
            }
        }
        g.setOption("timeout", micros);
        g.setOption("rw_timeout", micros);
        // JavaCV's interrupt callback: no single FFmpeg call may block longer than this.
        g.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    private void configureDevice(FFmpegFrameGrabber g, SourceOptions options) {
        g.setFormat("video4linux2");
        int w = options.integer("width").orElse(0);
        int h = options.integer("height").orElse(0);
        if (w > 0 && h > 0) {
            g.setOption("video_size", w + "x" + h);
        }
        options.fps().ifPresent(f -> g.setOption("framerate", Double.toString(f)));
        options.get("format").ifPresent(f -> g.setOption("input_format", f));
        g.setTimeout((int) Math.min(Integer.MAX_VALUE, ioTimeout.toMillis()));
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public boolean finite() {
        return spec.kind() == SourceKind.FILE;
    }

    /** Frames decoded so far. */
    public long framesRead() {
        return framesRead;
    }

    @Override
    public DecodedFrame next() {
        if (grabber == null) {
            throw new SourceException(spec.displayName() + ": not open" + where());
        }
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new SourceException(spec.displayName() + ": decoding failed after " + framesRead + " frames" + where()
                    + ": " + FfmpegErrors.reason(e), e);
        }
        if (frame == null) {
            noteEarlyEnd();
            return null;
        }
        long pts = grabber.getTimestamp();
        long capture = clock.nowMicros();
        if (frame.imageWidth != width || frame.imageHeight != height || frame.image == null
                || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new SourceException(spec.displayName() + ": FFmpeg returned a " + frame.imageWidth + "x"
                    + frame.imageHeight + " image of depth " + frame.imageDepth + " where " + width + "x" + height
                    + " RGB24 was asked for");
        }
        // imageStride is FFmpeg's line size in bytes: rows may be padded beyond width * 3.
        byte[] rgb = PackedRgb.copy((ByteBuffer) frame.image[0], width, height, frame.imageStride);
        framesRead++;
        return new DecodedFrame(pts, capture, width, height, rgb);
    }

    /** For a file that ends well short of the frame count in its header: the file is probably cut off. */
    private void noteEarlyEnd() {
        if (spec.kind() != SourceKind.FILE || warning != null) {
            return;
        }
        long expected = grabber.getLengthInFrames();
        if (expected > 0 && framesRead < expected * 0.9 && expected - framesRead > 2) {
            warning = spec.displayName() + ": ended after " + framesRead + " of about " + expected
                    + " frames; the file looks truncated" + where();
        }
    }

    @Override
    public String warning() {
        return warning;
    }

    @Override
    public void close() {
        FFmpegFrameGrabber g = grabber;
        grabber = null;
        if (g != null) {
            release(g);
        }
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Releasing native state on the way out; nothing useful is left to do with a failure.
        }
    }

    /** The file's full path in parentheses; nothing for network sources, whose display name is the URI. */
    private String where() {
        return spec.path().map(p -> " (" + p + ")").orElse("");
    }
}
