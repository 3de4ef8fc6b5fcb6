package io.vjepastream.app.bench;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * The single-file measurements of {@code vjepa bench ingest}: a bare FFmpeg grab loop, the whole
 * ingest path into a broker, and the {@code ffmpeg} command line, each decoding and scaling the same
 * file to the same size.
 */
final class IngestBenchmark {
    private static final Pattern FFMPEG_FRAMES = Pattern.compile("frame=\\s*(\\d+)");

    private IngestBenchmark() {
    }

    /** Frames per second and cores used of one run. */
    record Run(long frames, double seconds, double coresUsed) {
        double fps() {
            return seconds <= 0 ? 0 : frames / seconds;
        }
    }

    /**
     * Grabs every frame with JavaCV's FFmpegFrameGrabber, scaled to {@code size x size} RGB24 with the
     * same scaler the ingest sources use, and does nothing else with them.
     */
    static Run grabLoop(Path video, int size) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        IngestBenchmarkCpu cpu = IngestBenchmarkCpu.start();
        long frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setImageWidth(size);
            grabber.setImageHeight(size);
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.setImageScalingFlags(swscale.SWS_AREA);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frame.image != null) {
                    frames++;
                }
            }
            grabber.stop();
        }
        return new Run(frames, cpu.wallSeconds(), cpu.coresUsed());
    }

    /**
     * The whole ingest path on one file: decode, sample every frame, pairs with masks, serialise,
     * produce to {@code bootstrap} and wait for every acknowledgement; timed from the service's start to
     * the last acknowledgement.
     *
     * @throws IllegalStateException when a pair was not acknowledged or the stream did not complete
     */
    static Run ingest(Path video, IngestConfig config, String bootstrap) throws InterruptedException {
        // The producer is made before the clock starts, as a running service has one already; connecting is timed.
        KafkaPairSink sink = new KafkaPairSink(bootstrap);
        IngestService service = new IngestService(config, List.of(SourceSpec.parse("bench=" + video)), sink);
        double seconds;
        double cores;
        StreamStats stats;
        try (service) {
            IngestBenchmarkCpu cpu = IngestBenchmarkCpu.start();
            service.start();
            if (!service.awaitCompletion(Duration.ofMinutes(10))) {
                throw new IllegalStateException("ingest of " + video + " did not finish within 10 minutes");
            }
            stats = service.metrics().get("bench");
            // The clock stops at the last acknowledgement; tearing the producer down is not part of the rate.
            sink.flush();
            seconds = cpu.wallSeconds();
            cores = cpu.coresUsed();
        }
        stats = service.metrics().get("bench");
        if (sink.failed() > 0 || sink.acknowledged() != stats.pairsSent() || stats.pairsSent() == 0) {
            throw new IllegalStateException("ingest of " + video + ": " + stats.pairsSent() + " pairs sent, "
                    + sink.acknowledged() + " acknowledged, " + sink.failed() + " failed (" + stats + ")");
        }
        return new Run(stats.framesDecoded(), seconds, cores);
    }

    /** The {@code ffmpeg} executable on PATH, or null. */
    static Path ffmpegOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "ffmpeg");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * {@code ffmpeg -i FILE -vf scale=S:S -pix_fmt rgb24 -f null -}: frames per second over the
     * process's wall time, start-up included.
     *
     * @throws IOException when ffmpeg fails or reports no frames
     */
    static Run ffmpegCli(Path ffmpeg, Path video, int size) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-i",
                video.toString(), "-vf", "scale=" + size + ":" + size, "-pix_fmt", "rgb24", "-f", "null", "-"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("ffmpeg did not finish on " + video + " within 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long frames = -1;
        Matcher m = FFMPEG_FRAMES.matcher(output);
        while (m.find()) {
            frames = Long.parseLong(m.group(1));
        }
        if (process.exitValue() != 0 || frames <= 0) {
            String tail = output.length() > 400 ? output.substring(output.length() - 400) : output;
            throw new IOException("ffmpeg exited " + process.exitValue() + " on " + video + ": " + tail.strip());
        }
        // The child's CPU is not this JVM's, so cores used are not measured for it.
        return new Run(frames, seconds, -1);
    }

    /** The median of the runs' frames per second. */
    static double medianFps(List<Run> runs) {
        double[] fps = runs.stream().mapToDouble(Run::fps).sorted().toArray();
        int n = fps.length;
        return n % 2 == 1 ? fps[n / 2] : (fps[n / 2 - 1] + fps[n / 2]) / 2;
    }

    /** The median cores used over the runs. */
    static double medianCores(List<Run> runs) {
        double[] cores = runs.stream().mapToDouble(Run::coresUsed).sorted().toArray();
        int n = cores.length;
        return n % 2 == 1 ? cores[n / 2] : (cores[n / 2 - 1] + cores[n / 2]) / 2;
    }
}
