package io.vjepastream.app.service;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.runtime.http.ServiceMetrics;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.action.ActionClock;
import io.vjepastream.ingest.action.ActionJoin;
import io.vjepastream.ingest.encode.EncodingSettings;
import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.FfmpegDecoding;
import io.vjepastream.ingest.source.ReconnectPolicy;
import io.vjepastream.ingest.source.SourceException;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa ingest}: the ingest service on its own, producing frame pairs to an existing Kafka cluster. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode video sources into frame pairs on vjepa.frame-pairs.",
            "Runs until every source has ended (cameras, network streams and endless clips run on), or until",
            "SIGTERM / Ctrl-C."},
        footer = {"", "Sources: [ID=]LOCATION[?OPTIONS]. Examples:",
            "  videos/car.mp4?loop=1&realtime=1     (mp4, mkv, avi, webm, mov, ts, ...)",
            "  rtsp://10.0.0.5/stream1?transport=udp&timeout=5s",
            "  rtsp://0.0.0.0:8554/live?listen=1    (wait for a camera to push to us)",
            "  http://cam.local/live.m3u8           (HLS, MPEG-TS, MJPEG: format=mpjpeg)",
            "  v4l2:///dev/video0?width=640&height=480&fps=30&format=mjpeg",
            "  images:/data/ep1?fps=15              (or a glob: images:/data/ep1/*.png)",
            "  synthetic:?seconds=60&fps=10",
            "Prefix 'ID=' to name the stream: --source wrist=rtsp://10.0.0.5/stream.",
            "Network streams and cameras are live: reconnected with backoff when they",
            "drop or are not up yet at the start (CONNECTING), and their oldest queued",
            "pairs are dropped (and counted) when the producer falls behind. Files wait",
            "instead and lose nothing."})
public final class IngestCommand implements Callable<Integer> {
    /** How long a finished run waits for the action join to write its last pairs. */
    private static final Duration JOIN_CATCH_UP = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "URI", required = true,
            description = "A video source, [ID=]LOCATION[?OPTIONS]; repeat for several. Files (options loop,"
                    + " realtime), rtsp:// (transport=tcp|udp, timeout, listen), http(s):// (HLS, MPEG-TS, MJPEG;"
                    + " format), v4l2:///dev/videoN (width, height, fps, format), images:DIR or images:GLOB (fps,"
                    + " loop, realtime), synthetic:. Examples below.")
    private List<String> sources = new ArrayList<>();


    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "64",
            description = "Frames are scaled to PX x PX, the model's resolution. Default: ${DEFAULT-VALUE}.")
    private int imageSize;

    @Option(names = "--patch-size", paramLabel = "PX", defaultValue = "8",
            description = "The model's patch size; the image size must be a multiple. Default: ${DEFAULT-VALUE}.")
    private int patchSize;

    @Option(names = "--fps", paramLabel = "F", defaultValue = "10",
            description = "Frames per second sampled from each source. Default: ${DEFAULT-VALUE}.")
    private double fps;

    @Option(names = "--stride", paramLabel = "K", defaultValue = "2",
            description = "Sampled frames between the frames of a pair (t-k, t -> t+k). Default: ${DEFAULT-VALUE}.")
    private int stride;

    @Option(names = "--realtime", description = "Pace files to their own frame rate instead of reading at full speed.")
    private boolean realtime;

    @Option(names = "--io-timeout", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "Connect and read limit for network sources and cameras (a source's timeout= wins)."
                    + " Default: ${DEFAULT-VALUE}.")
    private Duration ioTimeout;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "32",
            description = "Pairs held per stream between decoding and producing. Default: ${DEFAULT-VALUE}.")
    private int queueCapacity;

    @Option(names = "--reconnect-max", paramLabel = "N", defaultValue = "0",
            description = "Consecutive failed attempts to (re)connect before a live stream is given up, at"
                    + " the start as after a drop; 0 = never."
                    + " Default: ${DEFAULT-VALUE}.")
    private int reconnectMax;


    @Option(names = "--mask", paramLabel = "STRATEGY", defaultValue = "TEMPORAL",
            description = "Token mask of every pair: TEMPORAL (predict the next frame), TUBE (V-JEPA multi-block),"
                    + " BLOCK or RANDOM. Default: ${DEFAULT-VALUE}.")
    private MaskStrategy mask;

    @Option(names = "--mask-ratio", paramLabel = "R", defaultValue = "0.75",
            description = "Share of tokens predicted by RANDOM masks. Default: ${DEFAULT-VALUE}.")
    private double maskRatio;

    @Option(names = "--encoding", paramLabel = "E", defaultValue = "RAW",
            description = "How frames are stored in the records: RAW, PNG or JPEG. Default: ${DEFAULT-VALUE}.")
    private FrameEncoding encoding;

    @Option(names = "--pixel-format", paramLabel = "F", defaultValue = "RGB24",
            description = "RGB24 or GRAY8. Default: ${DEFAULT-VALUE}.")
    private PixelFormat pixelFormat;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "" + TopicSetup.MAX_MESSAGE_BYTES,
            description = "The largest record the pairs topic takes (its max.message.bytes): a configuration whose"
                    + " largest pair would not fit is refused at start, with the numbers. Default: ${DEFAULT-VALUE},"
                    + " the limit vjepa local gives the topic.")
    private int maxMessageBytes;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "" + FfmpegDecoding.DEFAULT_THREADS,
            description = "FFmpeg decoder threads per stream; 0 lets FFmpeg choose (one per core), 1 is the"
                    + " cheapest per frame when cameras outnumber cores. Default: ${DEFAULT-VALUE}.")
    private int decodeThreads;

    @Option(names = "--join-actions",
            description = "Join each stream's robot actions from vjepa.actions into its pairs: pairs go to"
                    + " vjepa.frame-pairs.unjoined and a Kafka Streams join in this process writes them, with the"
                    + " action in force at time t, to vjepa.frame-pairs. Missing topics are created.")
    private boolean joinActions;

    @Option(names = "--action-clock", paramLabel = "CLOCK", defaultValue = "FRAME_PTS",
            description = "What action times are compared with: FRAME_PTS (recorded episodes) or CAPTURE_TIME"
                    + " (live robots stamping commands with the wall clock). Default: ${DEFAULT-VALUE}.")
    private ActionClock actionClock;


    @Mixin
    private RunnerOptions runnerOptions = new RunnerOptions();

    /** Creates the command; picocli fills in its options. */
    public IngestCommand() {
    }

    @Override
    public Integer call() throws Exception {
        runnerOptions.check();
        IngestConfig config = IngestConfig.builder().imageSize(imageSize).patchSize(patchSize).sampleFps(fps)
                .strideFrames(stride).realtime(realtime).openTimeout(ioTimeout).queueCapacity(queueCapacity)
                .reconnect(ReconnectPolicy.defaults().withMaxAttempts(reconnectMax))
                .masks(MaskSettings.defaults().withStrategy(mask).withRatio(maskRatio))
                .encoding(EncodingSettings.defaults().withEncoding(encoding).withPixelFormat(pixelFormat)
                        .withMaxMessageBytes(maxMessageBytes))
                .decodeThreads(decodeThreads).kafkaProperties(kafka.resolve()).build();
        List<SourceSpec> specs = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String source : sources) {
            SourceSpec parsed = SourceSpec.parse(source);
            try {
                parsed.validate();
            } catch (SourceException e) {
                invalid.add(e.getMessage());
            }
            specs.add(parsed);
        }
        if (invalid.size() == specs.size()) {
            // Nothing could run: refuse with the first reason, as for a single bad source.
            throw new SourceException(invalid.get(0));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // One bad source does not stop the others: it is reported now and its stream fails on its own.
        invalid.forEach(reason -> err.println("vjepa: " + reason));
        err.flush();
        // With --join-actions, the join in this process writes the pairs topic; ingest feeds it.
        ActionJoin join = joinActions
                ? ActionJoin.start(kafka.bootstrap(), config.kafkaProperties(), actionClock, maxMessageBytes) : null;
        KafkaPairSink sink = new KafkaPairSink(KafkaPairSink.producerConfig(kafka.bootstrap(), config.kafkaProperties(),
                maxMessageBytes), join != null ? ActionJoin.UNJOINED_TOPIC : Topics.FRAME_PAIRS);
        ServiceMetrics metrics = ServiceMetrics.create("ingest");
        IngestService service = new IngestService(config, specs, sink, metrics.registry());
        // The join closes after ingest (its last pairs written), before the signal lets the JVM exit.
        AutoCloseable joinCaughtUp = join == null ? null : () -> {
            if (!join.awaitCaughtUp(JOIN_CATCH_UP)) {
                err.println("vjepa: the action join had not written every pair to " + Topics.FRAME_PAIRS + " within "
                        + JOIN_CATCH_UP.toSeconds() + " s (state " + join.state() + "); the rest stays on "
                        + ActionJoin.UNJOINED_TOPIC + " for the next run");
            }
            join.close();
        };
        runnerOptions.runner(service, out)
                .status(() -> printStatus(out, service, sink)).thenClose(metrics, joinCaughtUp).build().run();
        boolean anyFailed = service.metrics().values().stream().anyMatch(s -> s.state() == StreamState.FAILED);
        return anyFailed ? 1 : 0;
    }

    private static void printStatus(PrintWriter out, IngestService service, KafkaPairSink sink) {
        // Sends that failed in the background are known to the sink only.
        Map<String, Long> failedLater = sink.failedByStream();
        for (StreamStats s : service.metrics().values()) {
            out.println(s.plusProducerErrors(failedLater.getOrDefault(s.streamId(), 0L)).statusLine());
        }
        sink.outage().ifPresent(outage -> out.println("waiting: " + outage + "; pairs are kept and sent when it answers"));
        out.flush();
    }
}
