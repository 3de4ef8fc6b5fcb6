package io.vjepastream.pipeline.bench;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.source.FfmpegDecoding;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How fast the ingest path is next to FFmpeg on its own (a bare grab loop and the ffmpeg command line), and
 * whether it keeps several live streams in real time. Each file measurement is repeated after warm-up rounds,
 * interleaved, and the median reported.
 */
public final class IngestBench {
    private final Path video;
    private final int size;
    private final int repeats;
    private final int warmup;
    private final double minSeconds;
    private final int decodeThreads;
    private final int liveStreams;
    private final Duration liveDuration;
    private final String liveSource;

    /**
     * What to measure.
     *
     * @param video the file to decode
     * @param size frames are scaled to size x size
     * @param repeats runs of each file measurement
     * @param warmup untimed rounds before them
     * @param minSeconds the file is decoded as many times over as makes each timed run last about this long
     * @param decodeThreads FFmpeg decoder threads of grab loop and ingest alike; 0 lets FFmpeg choose
     * @param liveStreams live streams run at once; 0 skips the live measurement
     * @param liveDuration how long the live streams are measured
     * @param liveSource what each live stream plays, paced to real time; null for bottle-detection.mp4 beside the video
     */
    public IngestBench(Path video, int size, int repeats, int warmup, double minSeconds, int decodeThreads,
                       int liveStreams, Duration liveDuration, String liveSource) {
        this.video = video;
        this.size = size;
        this.repeats = repeats;
        this.warmup = warmup;
        this.minSeconds = minSeconds;
        this.decodeThreads = decodeThreads;
        this.liveStreams = liveStreams;
        this.liveDuration = liveDuration;
        this.liveSource = liveSource;
    }

    /** The ffmpeg command line measured beside ingest, when one is on PATH. */
    public static Optional<Path> ffmpegCommand() {
        return Optional.ofNullable(IngestBenchmark.ffmpegOnPath());
    }

    /**
     * Runs the file measurements, then the live one, printing progress to {@code log}.
     *
     * @return the JSON fields
     */
    public Map<String, Object> run(PrintWriter log) throws Exception {
        Path file = video;
        IngestConfig config = IngestConfig.builder().imageSize(size).patchSize(8).decodeThreads(decodeThreads)
                // Keep every frame: sampling is part of the path, thinning is not what is measured.
                .sampleFps(1000).build();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("video", file.toString());
        json.put("image_size", size);
        json.put("repeats", repeats);
        json.put("warmup_rounds", warmup);
        json.put("available_processors", Runtime.getRuntime().availableProcessors());
        json.put("decoding", FfmpegDecoding.describe(size, size, decodeThreads));

        try (IngestBenchBroker broker = IngestBenchBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            List<IngestBenchmark.Run> grabs = new ArrayList<>();
            List<IngestBenchmark.Run> ingests = new ArrayList<>();
            List<IngestBenchmark.Run> clis = new ArrayList<>();
            Path ffmpeg = IngestBenchmark.ffmpegOnPath();
            int passes = passes(file, broker);
            json.put("passes", passes);
            log.printf(Locale.ROOT, "each run decodes %s %d time(s) over%n", file.getFileName(), passes);
            // Untimed rounds as long as the timed ones: the JIT compiles Kafka, Avro and ingest code (it was
            // still compiling after a few hundred frames), the page cache takes the file.
            for (int w = 0; w < warmup; w++) {
                IngestBenchmark.grabLoop(file, size, decodeThreads, passes, broker::cpuNanos);
                IngestBenchmark.ingest(file, config, bootstrap, passes, broker::cpuNanos);
            }
            // Interleaved, so that a slow spell on a shared machine hits every measurement alike.
            for (int r = 0; r < repeats; r++) {
                grabs.add(IngestBenchmark.grabLoop(file, size, decodeThreads, passes, broker::cpuNanos));
                ingests.add(IngestBenchmark.ingest(file, config, bootstrap, passes, broker::cpuNanos));
                if (ffmpeg != null) {
                    clis.add(IngestBenchmark.ffmpegCli(ffmpeg, file, size, passes));
                }
                log.printf(Locale.ROOT, "run %d: grabber %.1f fps, ingest %.1f fps%s%n", r + 1, grabs.get(r).fps(),
                        ingests.get(r).fps(), ffmpeg == null ? "" : String.format(Locale.ROOT, ", ffmpeg %.1f fps",
                                clis.get(r).fps()));
                log.flush();
            }
            double grabberFps = IngestBenchmark.medianFps(grabs);
            double ingestFps = IngestBenchmark.medianFps(ingests);
            Double cliFps = clis.isEmpty() ? null : IngestBenchmark.medianFps(clis);
            json.put("frames", ingests.get(0).frames());
            json.put("ingest_fps", round(ingestFps));
            json.put("grabber_fps", round(grabberFps));
            json.put("ffmpeg_cli_fps", cliFps == null ? null : round(cliFps));
            json.put("ingest_seconds", round(IngestBenchmark.median(ingests, IngestBenchmark.Run::seconds)));
            json.put("grabber_seconds", round(IngestBenchmark.median(grabs, IngestBenchmark.Run::seconds)));
            // Ingest's own CPU: the process less the broker's threads, which run in this JVM too.
            json.put("cpu_cores_used", round(IngestBenchmark.medianCores(ingests)));
            json.put("process_cpu_cores_used", round(IngestBenchmark.median(ingests,
                    IngestBenchmark.Run::processCoresUsed)));
            json.put("broker_cpu_cores_used", round(IngestBenchmark.median(ingests,
                    IngestBenchmark.Run::brokerCoresUsed)));
            json.put("grabber_cpu_cores_used", round(IngestBenchmark.medianCores(grabs)));
            json.put("ingest_vs_grabber", round(ingestFps / grabberFps));
            // The same comparison in CPU per frame: what the ratio would be with both limited by the same CPU,
            // which other load on the machine disturbs far less than the frame rates.
            double grabberCpu = IngestBenchmark.median(grabs, IngestBenchmark.Run::cpuMillisPerFrame);
            double ingestCpu = IngestBenchmark.median(ingests, IngestBenchmark.Run::cpuMillisPerFrame);
            json.put("ingest_vs_grabber_cpu", round(grabberCpu / ingestCpu));
            json.put("ingest_cpu_ms_per_frame", round3(ingestCpu));
            json.put("grabber_cpu_ms_per_frame", round3(grabberCpu));
            // The JIT compiler's threads (for the broker's code as well as ingest's) are in cpu_cores_used.
            json.put("jit_cpu_cores_used", round(IngestBenchmark.median(ingests,
                    IngestBenchmark.Run::jitCoresUsed)));
            json.put("ingest_steady_cpu_ms_per_frame", round3(IngestBenchmark.median(ingests,
                    IngestBenchmark.Run::steadyCpuMillisPerFrame)));
            json.put("ingest_vs_ffmpeg_cli", cliFps == null ? null : round(ingestFps / cliFps));
            json.put("ingest_fps_runs", fpsOf(ingests));
            json.put("grabber_fps_runs", fpsOf(grabs));
            json.put("ffmpeg_cli_fps_runs", clis.isEmpty() ? null : fpsOf(clis));
            json.put("ffmpeg_cli", ffmpeg == null ? null : ffmpeg.toString());

            if (liveStreams > 0) {
                putLive(json, file, config, broker, log);
            }
        }
        json.put("measured_at", Instant.now().toString());
        return json;
    }

    /** Plays of the file that make a grab loop, the fastest measurement, last at least --min-seconds. */
    private int passes(Path file, IngestBenchBroker broker) throws Exception {
        if (minSeconds <= 0) {
            return 1;
        }
        // An untimed play's CPU time tells how long a play takes on idle cores: wall time would count
        // whatever else the machine is doing, and a busy moment here would make every run too short.
        // The cheaper of two plays: the first also loads FFmpeg.
        double cpuSeconds = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            IngestBenchmark.Run probe = IngestBenchmark.grabLoop(file, size, decodeThreads, 1, broker::cpuNanos);
            cpuSeconds = Math.min(cpuSeconds, probe.coresUsed() > 0 ? probe.coresUsed() * probe.seconds()
                    : probe.seconds());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = decodeThreads == 0 ? cores : Math.min(decodeThreads, cores);
        double perPlay = cpuSeconds / parallel;
        return (int) Math.max(1, Math.min(10_000, Math.ceil(minSeconds / Math.max(perPlay, 1e-3))));
    }

    private void putLive(Map<String, Object> json, Path file, IngestConfig config, IngestBenchBroker broker,
                         PrintWriter log) throws Exception {
        String source = liveSource;
        if (source == null) {
            Path bottle = file.toAbsolutePath().resolveSibling("bottle-detection.mp4");
            source = Files.isReadable(bottle) ? bottle.toString() : "synthetic:?seconds=0&fps=30";
        }
        double fps = frameRate(source);
        log.printf(Locale.ROOT, "live: %d x %s at %.2f fps for %s%n", liveStreams, source, fps, liveDuration);
        log.flush();
        IngestBenchmarkLive.Result live = IngestBenchmarkLive.run(Collections.nCopies(liveStreams, source), fps,
                liveDuration, config.toBuilder().sampleFps(Math.max(fps, 1)).build(), broker.bootstrapServers(),
                broker::cpuNanos);
        json.put("live_source", source);
        json.put("live_streams", live.streams());
        json.put("live_fps_per_stream", round(live.fps()));
        json.put("live_seconds", round(live.seconds()));
        json.put("live_expected_pairs", live.expectedPairs());
        json.put("live_delivered_pairs", live.deliveredPairs());
        json.put("live_missing_pairs", live.missingPairs());
        json.put("live_queue_drops", live.queueDrops());
        json.put("live_drops", live.missingPairs() + live.queueDrops());
        json.put("live_max_lag_ms", round(live.maxLagMillis()));
        json.put("live_cpu_cores_used", round(live.coresUsed()));
        json.put("live_process_cpu_cores_used", round(live.processCoresUsed()));
        json.put("live_broker_cpu_cores_used", round(live.brokerCoresUsed()));
        json.put("live_pairs_acknowledged", live.acknowledged());
        json.put("live_pairs_failed", live.failed());
    }

    /** The frame rate of a file or synthetic source. */
    private static double frameRate(String source) throws Exception {
        if (source.startsWith("synthetic:")) {
            Matcher m = Pattern.compile("fps=([0-9.]+)").matcher(source);
            return m.find() ? Double.parseDouble(m.group(1)) : 10.0;
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source)) {
            grabber.start();
            double rate = grabber.getFrameRate();
            grabber.stop();
            return rate;
        }
    }

    private static List<Double> fpsOf(List<IngestBenchmark.Run> runs) {
        return runs.stream().map(r -> round(r.fps())).toList();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
