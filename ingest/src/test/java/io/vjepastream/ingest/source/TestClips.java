package io.vjepastream.ingest.source;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Writes short test clips with FFmpeg: a bright square moving over a dark background. */
public final class TestClips {
    private TestClips() {
    }

    /**
     * Records {@code frames} frames of 64 x 48 at {@code fps}.
     *
     * @param target a file path or URL FFmpeg writes to
     * @param format FFmpeg's muxer name, e.g. {@code mp4}, {@code matroska}, {@code mpegts}, {@code rtsp}
     * @param codec FFmpeg's encoder id, e.g. {@link avcodec#AV_CODEC_ID_MPEG4}
     * @param options muxer options, e.g. {@code movflags=faststart}
     */
    public static void record(String target, String format, int codec, int frames, double fps,
                              Map<String, String> options) throws Exception {
        try (FFmpegFrameRecorder recorder = recorder(target, format, codec, fps, options)) {
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(frame(i));
            }
            recorder.stop();
        }
    }

    /** A started-ready recorder with the clip's size, codec and rate. */
    public static FFmpegFrameRecorder recorder(String target, String format, int codec, double fps,
                                               Map<String, String> options) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target, 64, 48, 0);
        recorder.setFormat(format);
        recorder.setVideoCodec(codec);
        recorder.setFrameRate(fps);
        recorder.setGopSize(10);
        recorder.setVideoQuality(4);
        options.forEach(recorder::setOption);
        return recorder;
    }

    /** A file clip. */
    public static Path file(Path path, String format, int codec, int frames) throws Exception {
        record(path.toString(), format, codec, frames, 25, Map.of());
        return path;
    }

    /** Frame {@code i}: BGR24, a 12 px white square at {@code x = 2 i mod 52}. */
    public static Frame frame(int i) {
        Frame frame = new Frame(64, 48, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        int x0 = (2 * i) % 52;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                boolean inside = x >= x0 && x < x0 + 12 && y >= 18 && y < 30;
                int at = y * frame.imageStride + x * 3;
                pixels.put(at, (byte) (inside ? 250 : 20));
                pixels.put(at + 1, (byte) (inside ? 250 : 40));
                pixels.put(at + 2, (byte) (inside ? 250 : 60));
            }
        }
        return frame;
    }
}
