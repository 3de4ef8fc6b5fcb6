package io.vjepastream.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What one in-process run of the {@code vjepa} command line printed and returned.
 *
 * @param exitCode the exit code {@link Vjepa#run} returned
 * @param out      everything written to stdout
 * @param err      everything written to stderr
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code vjepa args...} in this JVM and captures its output. */
    public static CliRun vjepa(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Vjepa.run(o, e, args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
