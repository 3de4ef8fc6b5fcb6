package io.vjepastream.app.service;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.ShutdownSignal;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa ingest}: the ingest service on its own, producing frame pairs to an existing Kafka cluster. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode video sources into frame pairs on vjepa.frame-pairs.",
            "Runs until every finite source has ended, or until SIGTERM / Ctrl-C."},
        footer = {"", "Sources: a file path, file:/path, rtsp://..., http(s)://..., or synthetic:?seconds=60&fps=10.",
            "Prefix 'ID=' to name the stream, e.g. --source wrist=rtsp://10.0.0.5/stream."})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "URI", required = true, description = "A video source; repeat for several.")
    private List<String> sources = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
    private String bootstrap;

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

    @Option(names = "--status-every", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to print each stream's status. Default: ${DEFAULT-VALUE}.")
    private Duration statusEvery;

    /** Creates the command; picocli fills in its options. */
    public IngestCommand() {
    }

    @Override
    public Integer call() throws Exception {
        IngestConfig config = IngestConfig.builder().imageSize(imageSize).patchSize(patchSize).sampleFps(fps)
                .strideFrames(stride).realtime(realtime).build();
        List<SourceSpec> specs = new ArrayList<>();
        for (String source : sources) {
            SourceSpec parsed = SourceSpec.parse(source);
            parsed.validate();
            specs.add(parsed);
        }
        PrintWriter out = spec.commandLine().getOut();
        IngestService service = new IngestService(config, specs, new KafkaPairSink(bootstrap));
        try (ShutdownSignal stop = new ShutdownSignal("vjepa-ingest"); service) {
            service.start();
            while (!stop.await(statusEvery)) {
                printStatus(out, service);
                if (service.awaitCompletion(Duration.ZERO)) {
                    break;
                }
            }
        }
        printStatus(out, service);
        boolean anyFailed = service.metrics().values().stream().anyMatch(s -> s.state() == StreamState.FAILED);
        return anyFailed ? 1 : 0;
    }

    private static void printStatus(PrintWriter out, IngestService service) {
        for (StreamStats s : service.metrics().values()) {
            out.println(String.format(Locale.ROOT, "%s %s: %d frames decoded, %d sampled, %d pairs sent, %d errors%s",
                    s.streamId(), s.state(), s.framesDecoded(), s.framesSampled(), s.pairsSent(), s.errors(),
                    s.lastError() == null ? "" : " (last: " + s.lastError() + ")"));
        }
        out.flush();
    }
}
