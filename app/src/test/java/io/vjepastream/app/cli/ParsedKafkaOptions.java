package io.vjepastream.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Parses command-line flags into {@link KafkaOptions} as any command that mixes them in would. */
public final class ParsedKafkaOptions {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();
    }

    private ParsedKafkaOptions() {
    }

    /** @return the options as the flags {@code args} set them */
    public static KafkaOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.kafka;
    }
}
