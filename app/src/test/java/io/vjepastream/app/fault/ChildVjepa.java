package io.vjepastream.app.fault;

import io.vjepastream.app.Vjepa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code vjepa} command running in its own JVM on the test's class path, so that it can be killed
 * with SIGKILL or stopped with SIGTERM like a deployed service. Its stdout and stderr go to files.
 */
final class ChildVjepa implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildVjepa(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code vjepa args...}; its output goes to {@code NAME.out} and {@code NAME.err} in {@code logDir}.
     */
    static ChildVjepa start(Path logDir, String name, List<String> args) throws IOException {
        return start(logDir, name, args, Map.of());
    }

    /** As {@link #start(Path, String, List)}, with {@code environment} added to the child's environment. */
    static ChildVjepa start(Path logDir, String name, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heap and a serial collector: the machine is shared with the broker and the test itself.
        command.add("-Xmx768m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dai.djl.offline=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Vjepa.class.getName());
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(environment);
        return new ChildVjepa(builder.start(), out, err);
    }

    /** Everything the command wrote to stdout so far. */
    String out() {
        return read(out);
    }

    /** Everything the command wrote to stderr (its log) so far. */
    String err() {
        return read(err);
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits until stderr has a match of {@code pattern} at or after match number {@code index} (0-based), and
     * returns it; empty when the process ended or the timeout passed first.
     */
    Optional<Matcher> awaitLog(Pattern pattern, int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(err());
            for (int i = 0; m.find(); i++) {
                if (i >= index) {
                    return Optional.of(m);
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL: the process ends at once, with no shutdown hook run. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child JVM did not die after SIGKILL: " + process.pid());
        }
    }

    /**
     * SIGTERM, then waits up to {@code limit} for the process to end.
     *
     * @return how long it took to exit, or empty when it was still running at the limit (it is then killed)
     */
    Optional<Duration> terminate(Duration limit) throws InterruptedException {
        long sent = System.nanoTime();
        process.destroy();
        if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.of(Duration.ofNanos(System.nanoTime() - sent));
        }
        kill();
        return Optional.empty();
    }

    /** Waits for the process to end on its own; its exit code, or empty at the timeout. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** Kills the process when it still runs, so that no test leaves a JVM behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String read(Path file) {
        try {
            // Bytes, not readString: a line cut in the middle of a character must not fail the read.
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
