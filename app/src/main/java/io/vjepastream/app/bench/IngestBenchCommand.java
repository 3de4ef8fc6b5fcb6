package io.vjepastream.app.bench;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.pipeline.bench.IngestBench;
import io.vjepastream.ingest.source.FfmpegDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vjepa bench ingest}: the options of {@link IngestBench}, whose results it writes to {@code --out}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa bench ingest --out ingest.json --repeats 3 \\",
            "      --video ../shared/videos/car-detection.mp4"}, sortOptions = false,
        description = {"Measure ingest throughput on a video file against a bare FFmpeg grab loop"
                           + " and the ffmpeg command line, then several live streams at once; write the"
                           + " results as JSON.",
            "Each file measurement is repeated after warm-up rounds and the median reported."})
public final class IngestBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOutput output = new BenchOutput();

    @Option(names = "--video", paramLabel = "FILE",
            description = "The video to decode. Default: car-detection.mp4 in -Dvjepa.videos.dir or ../shared/videos.")
    private Path video;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "64",
            description = "Frames are scaled to PX x PX. Default: ${DEFAULT-VALUE}.")
    private int size;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Runs of each file measurement; the median is reported. Default: ${DEFAULT-VALUE}.")
    private int repeats;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Untimed rounds before the measured ones. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--min-seconds", paramLabel = "S", defaultValue = "5",
            description = "The file is decoded as many times over as makes each timed run last at least about S"
                    + " seconds (0: once), so that start-up and a busy moment weigh little. Default: ${DEFAULT-VALUE}.")
    private double minSeconds;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "" + FfmpegDecoding.DEFAULT_THREADS,
            description = "FFmpeg decoder threads of the grab loop and of ingest alike; 0 lets FFmpeg choose."
                    + " Default: ${DEFAULT-VALUE}, as ingest.")
    private int decodeThreads;

    @Option(names = "--live-streams", paramLabel = "N", defaultValue = "8",
            description = "Live streams run at once; 0 skips the live measurement. Default: ${DEFAULT-VALUE}.")
    private int liveStreams;

    @Option(names = "--live-duration", paramLabel = "D", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long the live streams are measured. Default: ${DEFAULT-VALUE}.")
    private Duration liveDuration;

    @Option(names = "--live-source", paramLabel = "URI",
            description = "What each live stream plays, paced to real time. Default: bottle-detection.mp4 (30 fps) "
                    + "next to the video, else synthetic:?fps=30.")
    private String liveSource;

    /** Creates the command; picocli fills in its options. */
    public IngestBenchCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || warmup < 0 || size <= 0 || size % 8 != 0 || liveStreams < 0) {
            throw new ParameterException(spec.commandLine(), "--repeats must be >= 1, --warmup >= 0, --size a positive"
                    + " multiple of 8 and --live-streams >= 0, but got " + repeats + ", " + warmup + ", " + size + " and "
                    + liveStreams);
        }
        if (!(minSeconds >= 0 && minSeconds <= 600) || decodeThreads < 0) {
            throw new ParameterException(spec.commandLine(), "--min-seconds must be from 0 to 600 and --decode-threads"
                    + " >= 0, but got " + minSeconds + " and " + decodeThreads);
        }
        Path file = video != null ? video : defaultVideo("car-detection.mp4");
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "video " + file + " does not exist or is not readable");
        }
        Map<String, Object> json = new IngestBench(file, size, repeats, warmup, minSeconds, decodeThreads, liveStreams,
                liveDuration, liveSource).run(spec.commandLine().getOut());
        output.write(json, spec.commandLine().getOut());
        return 0;
    }

    private static Path defaultVideo(String name) {
        String dir = System.getProperty("vjepa.videos.dir");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("..", "shared", "videos");
        return base.resolve(name).toAbsolutePath().normalize();
    }
}
