package io.vjepastream.app;

import io.vjepastream.app.bench.BenchCommand;
import io.vjepastream.app.cli.EnvironmentDefaults;
import io.vjepastream.app.cli.FailureReporter;
import io.vjepastream.app.cli.ModelConfigCommand;
import io.vjepastream.app.cli.TailCommand;
import io.vjepastream.app.cli.UsageErrorHandler;
import io.vjepastream.app.cli.VersionProvider;
import io.vjepastream.app.eval.EvalCommand;
import io.vjepastream.app.eval.ScoreCommand;
import io.vjepastream.app.eval.SynthCommand;
import io.vjepastream.app.service.EmbedCommand;
import io.vjepastream.app.service.IngestCommand;
import io.vjepastream.app.service.TrainCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code vjepa} command line. Exit codes: 0 success, 1 a command failed (one line
 * {@code vjepa: <message>} on stderr), 2 the command line itself was wrong (usage on stderr).
 */
@Command(name = "vjepa", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Turn video streams into a continually learning V-JEPA world model on Kafka.",
        subcommands = {LocalCommand.class, IngestCommand.class, TrainCommand.class, EmbedCommand.class,
            TailCommand.class, SynthCommand.class, ScoreCommand.class, EvalCommand.class, ModelConfigCommand.class,
            BenchCommand.class, HelpCommand.class},
        footer = {"", "Run 'vjepa help COMMAND' for a command's options. "
                + "Set VJEPA_DEBUG=1 or pass --verbose for stack traces."})
public final class Vjepa implements Runnable {
    /** Exit code when the command line cannot be parsed. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", FailureReporter.VERBOSE_OPTION}, scope = ScopeType.INHERIT,
            description = "Print the stack trace when a command fails.")
    private boolean verbose;

    /** Creates the top-level command; picocli fills in its options. */
    public Vjepa() {
    }

    /** Without a subcommand there is nothing to do: show the usage and exit with {@link #USAGE}. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line in this JVM, writing to the given streams instead of the process's.
     *
     * @return the exit code: 0 success, 1 failure, 2 bad usage
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        FailureReporter reporter = new FailureReporter();
        CommandLine commandLine = new CommandLine(new Vjepa())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(outWriter)
                .setErr(errWriter)
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setDefaultValueProvider(new EnvironmentDefaults(System.getenv()));
        try {
            return commandLine.execute(args);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // What escapes picocli's own handling (e.g. a native library that does not load) still gets one line.
            reporter.report(e, errWriter, Arrays.asList(args).contains(FailureReporter.VERBOSE_OPTION)
                    || Arrays.asList(args).contains("-v"));
            return FailureReporter.FAILED;
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }
}
