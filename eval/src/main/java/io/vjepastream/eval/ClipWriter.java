package io.vjepastream.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import io.vjepastream.ingest.source.FfmpegDecoding;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes packed RGB24 frames to a video file with FFmpeg (JavaCV). The bundled LGPL FFmpeg has no
 * libx264, so the codec is {@code mpeg4} (default, at a near-lossless fixed quantiser) or
 * {@code libopenh264}.
 */
public final class ClipWriter implements AutoCloseable {
    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;
    private final Path file;
    private boolean closed;

    /**
     * Opens the file for writing; the container follows its extension ({@code .mp4}, {@code .mkv}, ...).
     *
     * @param file where to write
     * @param width frame width in pixels (even)
     * @param height frame height in pixels (even)
     * @param fps frames per second
     * @param codec {@code mpeg4} or {@code libopenh264}
     * @throws IOException naming the file and FFmpeg's reason when the encoder cannot start
     */
    public ClipWriter(Path file, int width, int height, double fps, String codec) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("video size " + width + "x" + height + " must be even for YUV 4:2:0");
        }
        if (!codec.equals("mpeg4") && !codec.equals("libopenh264")) {
            throw new IllegalArgumentException("codec '" + codec + "'; allowed: mpeg4, libopenh264");
        }
        this.file = file;
        this.width = width;
        this.height = height;
        FfmpegDecoding.applyLogLevel();
        this.recorder = new FFmpegFrameRecorder(file.toString(), width, height);
        recorder.setVideoCodecName(codec);
        recorder.setFrameRate(fps);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setGopSize((int) Math.max(1, Math.round(fps)));
        if (codec.equals("mpeg4")) {
            recorder.setVideoQuality(2); // qscale 2: close to lossless, so decoded frames match the labels
        } else {
            recorder.setVideoBitrate(Math.max(200_000, width * height * 30));
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            recorder.close();
            throw new IOException("cannot start " + codec + " encoder for " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one packed RGB24 frame ({@code width * height * 3} bytes, rows top first). */
    public void write(byte[] rgb) throws IOException {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("frame has " + rgb.length + " bytes; " + width + "x" + height
                    + " RGB24 needs " + width * height * 3);
        }
        try {
            recorder.recordImage(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, width * 3,
                    avutil.AV_PIX_FMT_RGB24, ByteBuffer.wrap(rgb));
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding a frame into " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Flushes the encoder and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("finishing " + file + " failed: " + e.getMessage(), e);
        }
    }
}
