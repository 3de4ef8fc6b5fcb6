package io.vjepastream.ingest.source;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoder and scaler settings of every FFmpeg-decoded source, in one place so that anything
 * measured against ingest (the benchmark's bare grab loop) decodes exactly as ingest does: output
 * size, RGB24 pixels, area-averaging scaler and the decoder's thread count.
 */
public final class FfmpegDecoding {
    /**
     * Decoder threads per stream unless configured: 0, FFmpeg's own choice (a frame-threaded decoder
     * with a thread per core, as the {@code ffmpeg} command line uses), so that one recorded episode
     * decodes as fast as the machine allows. One thread per stream costs about a tenth less CPU per
     * frame and adds no frames in flight, the thriftier choice for many cameras on few cores.
     */
    public static final int DEFAULT_THREADS = 0;
    /**
     * Environment variable with the level of FFmpeg's own lines on stderr: quiet (the default; ingest's
     * messages already carry FFmpeg's reason for a failure), error, warning, info, verbose or debug.
     */
    public static final String LOG_ENV = "VJEPA_FFMPEG_LOG";
    private static final Map<String, Integer> LOG_LEVELS = Map.of("quiet", avutil.AV_LOG_QUIET,
            "error", avutil.AV_LOG_ERROR, "warning", avutil.AV_LOG_WARNING, "info", avutil.AV_LOG_INFO,
            "verbose", avutil.AV_LOG_VERBOSE, "debug", avutil.AV_LOG_DEBUG);
    private static final AtomicBoolean LOG_LEVEL_SET = new AtomicBoolean();
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegDecoding.class);

    private FfmpegDecoding() {
    }

    /** FFmpeg's log level for {@code configured} (the value of {@value #LOG_ENV}, or null): quiet unless named. */
    static int logLevel(String configured) {
        if (configured == null || configured.isBlank()) {
            return avutil.AV_LOG_QUIET;
        }
        Integer level = LOG_LEVELS.get(configured.trim().toLowerCase(Locale.ROOT));
        if (level == null) {
            LOG.warn("{}={} is not a level; allowed: quiet, error, warning, info, verbose, debug; FFmpeg stays quiet",
                    LOG_ENV, configured);
            return avutil.AV_LOG_QUIET;
        }
        return level;
    }

    /**
     * Sets FFmpeg's log level from {@value #LOG_ENV}, once per JVM; {@link #apply} calls it, and so
     * should anything else that runs FFmpeg (an encoder).
     */
    public static void applyLogLevel() {
        if (LOG_LEVEL_SET.compareAndSet(false, true)) {
            avutil.av_log_set_level(logLevel(System.getenv(LOG_ENV)));
        }
    }

    /**
     * Sets size, pixel format, scaler and decoder threads on a grabber before it starts.
     *
     * @param grabber the grabber, not yet started
     * @param width output width in pixels
     * @param height output height in pixels
     * @param threads decoder threads; 0 lets FFmpeg choose (one per core)
     * @throws IllegalArgumentException when a size is not positive or threads is negative
     */
    public static void apply(FFmpegFrameGrabber grabber, int width, int height, int threads) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive but is " + width + "x" + height);
        }
        checkThreads(threads);
        applyLogLevel();
        grabber.setImageWidth(width);
        grabber.setImageHeight(height);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        // Area averaging: big downscales (768 -> 64) alias badly with the bilinear default.
        grabber.setImageScalingFlags(swscale.SWS_AREA);
        // JavaCV asks for automatic threading; a "threads" codec option overrides it when the decoder opens.
        grabber.setVideoOption("threads", threads == 0 ? "auto" : Integer.toString(threads));
    }

    /**
     * Checks a decoder thread count.
     *
     * @throws IllegalArgumentException when it is negative
     */
    static int checkThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("decodeThreads = " + threads + "; allowed: 0 (FFmpeg chooses) or a"
                    + " positive number of threads");
        }
        return threads;
    }

    /** A short description for reports, e.g. {@code 64x64 rgb24, scaler area, decoder threads 1}. */
    public static String describe(int width, int height, int threads) {
        return width + "x" + height + " rgb24, scaler area, decoder threads " + (threads == 0 ? "auto" : threads);
    }
}
