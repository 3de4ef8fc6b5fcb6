package io.vjepastream.app.cli;

import io.vjepastream.runtime.client.Redaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command as one line, {@code vjepa: <message>}, with exit code 1. The stack trace
 * is printed instead when {@code --verbose} was given or the environment sets {@code VJEPA_DEBUG=1}.
 */
public final class FailureReporter implements IExecutionExceptionHandler {
    /** Exit code of a command that failed while running. */
    public static final int FAILED = 1;
    /** The option that asks for stack traces. */
    public static final String VERBOSE_OPTION = "--verbose";
    /** The environment variable that asks for stack traces when set to 1. */
    public static final String DEBUG_ENV = "VJEPA_DEBUG";

    private final boolean debugEnv;

    /** A reporter that reads {@value #DEBUG_ENV} from the process environment. */
    public FailureReporter() {
        this("1".equals(System.getenv(DEBUG_ENV)));
    }

    /** @param debugEnv print stack traces for every failure, as {@code VJEPA_DEBUG=1} does */
    public FailureReporter(boolean debugEnv) {
        this.debugEnv = debugEnv;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        report(failure, command.getErr(), verbose(parseResult), KafkaOptions.resolvedQuietly(command));
        return FAILED;
    }

    /** Prints {@code failure} as one line, or as a stack trace when {@code verbose} or debugging. */
    public void report(Throwable failure, PrintWriter err, boolean verbose) {
        report(failure, err, verbose, Map.of());
    }

    /**
     * As {@link #report(Throwable, PrintWriter, boolean)}, with every secret value among the Kafka
     * client properties cut out of what is printed ({@link Redaction#scrub}).
     */
    public void report(Throwable failure, PrintWriter err, boolean verbose, Map<String, String> kafkaProperties) {
        if (verbose || debugEnv) {
            StringWriter trace = new StringWriter();
            try (PrintWriter to = new PrintWriter(trace)) {
                failure.printStackTrace(to);
            }
            err.print(Redaction.scrub(trace.toString(), kafkaProperties));
        } else {
            err.println("vjepa: " + Redaction.scrub(oneLine(failure), kafkaProperties));
        }
        err.flush();
    }

    /** The failure's message on one line; the first message down its causes when it has none. */
    static String oneLine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message.replaceAll("\\s*\\R\\s*", " ").trim();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
