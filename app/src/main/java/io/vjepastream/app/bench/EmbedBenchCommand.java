package io.vjepastream.app.bench;

import io.vjepastream.app.cli.DurationConverter;
import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.pipeline.bench.EmbedBench;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa bench embed}: the options of {@link EmbedBench}, whose results it writes to {@code --out}. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa bench embed --out embed.json --streams 4 --rate 30"}, sortOptions = false,
        description = {"Measure embedder latency at camera rate and throughput on a backlog, through"
                           + " an in-JVM broker, with the configured model (default: the default model);"
                           + " write the results as JSON."})
public final class EmbedBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOutput output = new BenchOutput();

    @Option(names = "--streams", paramLabel = "N", defaultValue = "4", description = "Cameras. Default: ${DEFAULT-VALUE}.")
    private int streams;

    @Option(names = "--rate", paramLabel = "PAIRS/S", defaultValue = "30",
            description = "Pairs per second of each camera. Default: ${DEFAULT-VALUE}.")
    private double rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the cameras send. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = {"How long the cameras send, unmeasured, before the measured camera phase. The JIT"
                + " compiler spends the first minute or so compiling the broker, client and Kafka Streams code"
                + " paths, about a third of two cores' time; measured before it is done, the embedder looks"
                + " slower than it runs. Default: ${DEFAULT-VALUE}."})
    private Duration warmup;

    @Option(names = "--backlog", paramLabel = "PAIRS", defaultValue = "800",
            description = "Pairs sent at once for the throughput phase; 0 skips it. Default: ${DEFAULT-VALUE}.")
    private int backlog;

    @Option(names = "--drain", paramLabel = "D", defaultValue = "3m", converter = DurationConverter.class,
            description = "Longest wait for the answers after each phase's last send. Default: ${DEFAULT-VALUE}.")
    private Duration drain;

    @Mixin
    private ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--embedder", paramLabel = "KEY=VALUE",
            description = "One embedder setting by name, as vjepa embed's options name them in camelCase, or a Kafka"
                + " Streams setting (e.g. batchMaxPairs=32, frameCacheFrames=0, commit.interval.ms=50); repeatable.")
    private Map<String, String> embedderSettings = new LinkedHashMap<>();

    /** Creates the command; picocli fills in its options. */
    public EmbedBenchCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        Map<String, Object> json = new EmbedBench(streams, rate, duration, warmup, backlog, drain, modelOptions.resolve(),
                embedderSettings).run(log);
        output.write(json, log);
        return 0;
    }
}
