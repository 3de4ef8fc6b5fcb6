package io.vjepastream.pipeline.bench;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.SourceOpener;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.FfmpegDecoding;
import io.vjepastream.ingest.source.LoopingSource;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.source.VideoSources;
import io.vjepastream.ingest.time.CaptureClock;
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
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * The single-file measurements of {@code vjepa bench ingest}: a bare FFmpeg grab loop, the whole
 * ingest path into a broker, and the {@code ffmpeg} command line, each decoding and scaling the same
 * file to the same size the same number of times over. The grab loop and ingest share their decoder
 * settings ({@link FfmpegDecoding}); the command line runs with FFmpeg's own defaults.
 */
final class IngestBenchmark {
    private static final Pattern FFMPEG_FRAMES = Pattern.compile("frame=\\s*(\\d+)");

    private IngestBenchmark() {
    }

    /**
     * Frames per second and CPU of one run.
     *
     * @param frames frames decoded
     * @param seconds wall time of the run
     * @param coresUsed cores busy on average, the in-JVM broker's threads left out; -1 where unknown
     * @param processCoresUsed cores busy on average, the whole process
     * @param brokerCoresUsed cores busy on average in the broker's threads
     * @param jitCoresUsed cores busy on average in the JIT compiler's threads, part of coresUsed; -1 where unknown
     */
    record Run(long frames, double seconds, double coresUsed, double processCoresUsed, double brokerCoresUsed,
               double jitCoresUsed) {
        /** A run in a process without a broker. */
        Run(long frames, double seconds, double coresUsed) {
            this(frames, seconds, coresUsed, coresUsed, 0, -1);
        }

        private Run(long frames, IngestBenchmarkCpu.Usage usage) {
            this(frames, usage.seconds(), usage.cores(), usage.processCores(), usage.brokerCores(), usage.jitCores());
        }

        double fps() {
            return seconds <= 0 ? 0 : frames / seconds;
        }

        /** CPU milliseconds per frame, the broker left out; robust to other load on the machine. */
        double cpuMillisPerFrame() {
            return frames <= 0 || coresUsed < 0 ? -1 : coresUsed * seconds * 1000 / frames;
        }

        /** As {@link #cpuMillisPerFrame()} less the JIT compiler's share: the cost once compiling is done. */
        double steadyCpuMillisPerFrame() {
            return frames <= 0 || coresUsed < 0 || jitCoresUsed < 0 ? -1
                    : (coresUsed - jitCoresUsed) * seconds * 1000 / frames;
        }
    }

    /**
     * Grabs every frame of {@code passes} plays of the file with JavaCV's FFmpegFrameGrabber, decoded
     * and scaled exactly as ingest does ({@link FfmpegDecoding}), and does nothing else with them.
     *
     * @param brokerCpuNanos the broker threads' CPU time so far, left out of the cores used
     */
    static Run grabLoop(Path video, int size, int decodeThreads, int passes, LongSupplier brokerCpuNanos)
            throws IOException {
        IngestBenchmarkCpu cpu = IngestBenchmarkCpu.start(brokerCpuNanos);
        long frames = 0;
        for (int pass = 0; pass < passes; pass++) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                FfmpegDecoding.apply(grabber, size, size, decodeThreads);
                grabber.start();
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    if (frame.image != null) {
                        frames++;
                    }
                }
                grabber.stop();
            }
        }
        return new Run(frames, cpu.usage());
    }

    /**
     * The whole ingest path on {@code passes} plays of one file: decode, sample every frame, pairs with
     * masks, serialise, produce to {@code bootstrap} and wait for every acknowledgement; timed from the
     * service's start to the last acknowledgement.
     *
     * @param brokerCpuNanos the broker threads' CPU time so far, left out of the cores used
     * @throws IllegalStateException when a pair was not acknowledged or the stream did not complete
     */
    static Run ingest(Path video, IngestConfig config, String bootstrap, int passes, LongSupplier brokerCpuNanos)
            throws InterruptedException {
        // The producer is made before the clock starts, as a running service has one already; connecting is timed.
        KafkaPairSink sink = new KafkaPairSink(bootstrap);
        SourceOpener opener = (spec, c, clock) -> {
            Supplier<VideoSource> open = () -> VideoSources.open(spec, c.imageSize(), c.imageSize(), c.openTimeout(),
                    clock, c.decodeThreads());
            return new LoopingSource(open.get(), open, passes);
        };
        IngestService service = new IngestService(config, List.of(SourceSpec.parse("bench=" + video)), sink,
                CaptureClock.system(), opener);
        IngestBenchmarkCpu.Usage usage;
        StreamStats stats;
        try (service) {
            IngestBenchmarkCpu cpu = IngestBenchmarkCpu.start(brokerCpuNanos);
            service.start();
            if (!service.awaitCompletion(Duration.ofMinutes(10))) {
                throw new IllegalStateException("ingest of " + video + " did not finish within 10 minutes");
            }
            // The clock stops at the last acknowledgement; tearing the producer down is not part of the rate.
            sink.flush();
            usage = cpu.usage();
        }
        stats = service.metrics().get("bench");
        if (sink.failed() > 0 || sink.acknowledged() != stats.pairsSent() || stats.pairsSent() == 0) {
            throw new IllegalStateException("ingest of " + video + ": " + stats.pairsSent() + " pairs sent, "
                    + sink.acknowledged() + " acknowledged, " + sink.failed() + " failed (" + stats + ")");
        }
        return new Run(stats.framesDecoded(), usage);
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
     * {@code ffmpeg -stream_loop P-1 -i FILE -vf scale=S:S -pix_fmt rgb24 -f null -}, the command
     * on {@code passes} plays of the file: frames per second over the process's wall time, start-up
     * included. FFmpeg's own defaults apply (a decoder thread per core, bicubic scaling).
     *
     * @throws IOException when ffmpeg fails or reports no frames
     */
    static Run ffmpegCli(Path ffmpeg, Path video, int size, int passes) throws IOException, InterruptedException {
        // -stream_loop plays the input passes times in all, as the other two measurements do.
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin",
                "-stream_loop", Integer.toString(passes - 1), "-i", video.toString(),
                "-vf", "scale=" + size + ":" + size, "-pix_fmt", "rgb24", "-f", "null", "-"));
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

    /** The median cores used over the runs, the broker left out. */
    static double medianCores(List<Run> runs) {
        return median(runs, Run::coresUsed);
    }

    /** The median of any per-run number. */
    static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
