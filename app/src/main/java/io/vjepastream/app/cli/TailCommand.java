package io.vjepastream.app.cli;

import io.vjepastream.runtime.tail.RecordLine;
import io.vjepastream.runtime.tail.TopicTail;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa tail TOPIC}: prints a topic's records as JSON, one object per line, decoding the
 * pipeline's Avro records. It joins no consumer group and commits nothing.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa tail vjepa.anomaly-energy --from earliest --max 5"},
        description = {"Print a topic's records as JSON, one object per line.",
                "Pipeline records are decoded from Avro; other values are shown by size with their headers."})
public final class TailCommand implements Callable<Integer> {
    /** Where to start reading. */
    public enum From { EARLIEST, LATEST }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read, e.g. vjepa.latents.")
    private String topic;


    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: no limit).")
    private Long max;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Stop after this long without a new record, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--from", paramLabel = "earliest|latest", defaultValue = "earliest",
            description = "Start at the oldest record or only show new ones (default: earliest).")
    private From from;

    @Option(names = "--bytes", description = "Write bytes fields in base64 instead of \"<N bytes>\".")
    private boolean bytes;

    /** Creates the command; picocli fills in its options. */
    public TailCommand() {
    }

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be longer than 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        RecordLine lines = new RecordLine(bytes);
        try (TopicTail tail = new TopicTail(kafka.bootstrap(), topic, kafka.resolve())) {
            tail.run(from == From.EARLIEST, max == null ? Long.MAX_VALUE : max, timeout, record -> {
                out.println(lines.render(record));
                out.flush();
                // A closed pipe (vjepa tail ... | head) ends the command instead of reading on.
                return !out.checkError();
            });
        }
        return 0;
    }
}
