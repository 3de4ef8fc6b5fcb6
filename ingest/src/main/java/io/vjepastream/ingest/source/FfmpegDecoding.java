package io.vjepastream.ingest.source;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;

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

    private FfmpegDecoding() {
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
    public static int checkThreads(int threads) {
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
