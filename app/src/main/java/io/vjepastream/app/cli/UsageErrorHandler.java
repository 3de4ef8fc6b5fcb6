package io.vjepastream.app.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Answers a command line that cannot be parsed with what is wrong and the usage of the command that
 * was meant, both on stderr, and exit code 2. An unknown option or command is named before any
 * other problem, since it is usually the cause of the others. A value that is not allowed is one line
 * naming the option, the value and what is allowed, without the usage: the option itself was right.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {
    /** Creates the handler. */
    public UsageErrorHandler() {
    }

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (problem.getCause() instanceof TypeConversionException && command.getUnmatchedArguments().isEmpty()) {
            err.println(name + ": " + problem.getMessage() + " (" + name + " --help lists the options)");
            err.flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        err.println(name + ": " + describe(problem, command));
        command.usage(err);
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String describe(ParameterException problem, CommandLine command) {
        List<String> unmatched = problem instanceof UnmatchedArgumentException
                ? ((UnmatchedArgumentException) problem).getUnmatched()
                : command.getUnmatchedArguments();
        if (unmatched.isEmpty()) {
            return problem.getMessage();
        }
        String first = unmatched.get(0);
        if (first.startsWith("-")) {
            return "unknown option '" + first + "'";
        }
        if (!command.getSubcommands().isEmpty()) {
            return "unknown command '" + first + "'";
        }
        return "unexpected argument '" + first + "'";
    }
}
