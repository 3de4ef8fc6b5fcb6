package io.vjepastream.app.service;

import io.vjepastream.app.cli.KafkaOptions;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.ingest.sink.PairProducerConfig;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.runtime.http.ServiceMetrics;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.action.ActionClock;
import io.vjepastream.ingest.action.ActionJoin;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceException;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.runtime.config.Setting;
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
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Decode video sources into frame pairs on vjepa.frame-pairs.",
            "Runs until every source has ended (cameras, network streams and endless clips run on),"
                + " or until SIGTERM / Ctrl-C."},
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
public final class IngestCommand implements Callable<Integer>, SettingOptions.Declared {
    /** How long a finished run waits for the action join to write its last pairs. */
    private static final Duration JOIN_CATCH_UP = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "URI", required = true, split = ";",
            description = "A video source, [ID=]LOCATION[?OPTIONS]; repeat for several, or separate them with semicolons"
                    + " (VJEPA_SOURCE='cam1=rtsp://a/s;cam2=rtsp://b/s'). Files (options loop,"
                    + " realtime), rtsp:// (transport=tcp|udp, timeout, listen), http(s):// (HLS, MPEG-TS, MJPEG;"
                    + " format), v4l2:///dev/videoN (width, height, fps, format), images:DIR or images:GLOB (fps,"
                    + " loop, realtime), synthetic:. Examples below.")
    private List<String> sources = new ArrayList<>();


    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Mixin
    private ModelOptions model = new ModelOptions();

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
        IngestConfig config = config();
        int maxMessageBytes = config.encoding().maxMessageBytes();
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
        KafkaPairSink sink = new KafkaPairSink(PairProducerConfig.of(kafka.bootstrap(), config.kafkaProperties(),
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

    /**
     * Ingest's config from the options: its settings ({@link IngestConfig#SETTINGS}), Kafka's, and the model's
     * frame size, patch size and context frames, so that pairs fit the model the trainer trains.
     *
     * @throws IllegalArgumentException when {@code --image-size} or {@code --patch-size} disagrees with a model
     *     configuration that was given
     */
    IngestConfig config() {
        IngestConfig.Builder builder = IngestConfig.SETTINGS.apply(IngestConfig.builder(),
                SettingOptions.values(spec, IngestConfig.SETTINGS));
        JepaConfig m = model.resolve();
        builder.contextFrames(m.contextFrames());
        builder.imageSize(fromModel(IngestConfig.IMAGE_SIZE, "image_size", m.imageSize()));
        builder.patchSize(fromModel(IngestConfig.PATCH_SIZE, "patch_size", m.patchSize()));
        return builder.kafkaProperties(kafka.resolve()).build();
    }

    /** The model's value of a setting, unless the option was given; refused when both were and they differ. */
    private int fromModel(Setting<Integer> setting, String modelKey, int modelValue) {
        if (!SettingOptions.given(spec, setting)) {
            return modelValue;
        }
        int given = SettingOptions.value(spec, setting);
        if (given != modelValue && model.hasOverrides()) {
            throw new IllegalArgumentException(setting.option() + " " + given + " disagrees with the model's " + modelKey
                    + " " + modelValue + ": pairs must fit the model the trainer trains; give only one of them");
        }
        return given;
    }

    @Override
    public List<Setting<?>> settings() {
        return IngestConfig.SETTINGS.settings();
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
