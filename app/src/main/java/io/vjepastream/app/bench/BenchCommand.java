package io.vjepastream.app.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vjepa bench}: the reproducible performance measurements, one subcommand per service. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa bench train --out train.json"},
        description = {"Measure a service's speed on this machine and write the numbers as JSON.",
            "Close other work first: the numbers are only as quiet as the machine."},
        subcommands = {TrainBenchCommand.class, IngestBenchCommand.class, EmbedBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills in its options. */
    public BenchCommand() {
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing benchmark; choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
