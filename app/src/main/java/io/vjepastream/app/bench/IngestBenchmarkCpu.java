package io.vjepastream.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Measures the CPU this JVM burns over an interval, as cores busy on average: process CPU time
 * divided by wall time. Everything in the process counts, the in-JVM broker included.
 */
final class IngestBenchmarkCpu {
    private final long cpuStartNanos;
    private final long wallStartNanos;

    private IngestBenchmarkCpu() {
        this.cpuStartNanos = processCpuNanos();
        this.wallStartNanos = System.nanoTime();
    }

    /** Starts measuring now. */
    static IngestBenchmarkCpu start() {
        return new IngestBenchmarkCpu();
    }

    /** Seconds since the start. */
    double wallSeconds() {
        return (System.nanoTime() - wallStartNanos) / 1e9;
    }

    /** Average cores busy since the start, or -1 where the JVM cannot tell process CPU time. */
    double coresUsed() {
        long cpu = processCpuNanos();
        if (cpu < 0 || cpuStartNanos < 0) {
            return -1;
        }
        long wall = System.nanoTime() - wallStartNanos;
        return wall <= 0 ? 0 : (double) (cpu - cpuStartNanos) / wall;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
