package io.vjepastream.pipeline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM's JIT compiler threads, read from Linux's {@code /proc/self/task}: HotSpot's
 * compiler threads are not Java threads, so {@code ThreadMXBean} cannot see them. The benchmark
 * reports it apart because compiling the broker's and the clients' code goes on long after warm-up and
 * ends in a long-running process, where ingest's steady cost is what remains.
 */
final class IngestBenchJit {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private IngestBenchJit() {
    }

    /** CPU nanoseconds of the live compiler threads so far, or -1 where {@code /proc} cannot tell. */
    static long cpuNanos() {
        if (!Files.isDirectory(TASKS)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ticks += compilerTicks(task);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long compilerTicks(Path task) {
        try {
            // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", ... (cut to 15 characters).
            String name = Files.readString(task.resolve("comm"));
            if (!name.startsWith("C") || !name.contains("CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the parenthesised name: state is the 3rd field, utime the 14th and stime the 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            // The thread ended while being read.
            return 0;
        }
    }
}
