package io.vjepastream.pipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;

/**
 * Measures the CPU this JVM burns over an interval, as cores busy on average: CPU time divided by
 * wall time, for the whole process and for the in-JVM broker's threads, whose difference is what the
 * measured path itself used (its threads, and the JVM's garbage collector and compiler working for it).
 */
final class IngestBenchmarkCpu {
    private final LongSupplier brokerCpuNanos;
    private final long cpuStartNanos;
    private final long brokerStartNanos;
    private final long jitStartNanos;
    private final long wallStartNanos;

    private IngestBenchmarkCpu(LongSupplier brokerCpuNanos) {
        this.brokerCpuNanos = brokerCpuNanos;
        this.cpuStartNanos = processCpuNanos();
        this.brokerStartNanos = brokerCpuNanos.getAsLong();
        this.jitStartNanos = IngestBenchJit.cpuNanos();
        this.wallStartNanos = System.nanoTime();
    }

    /** Starts measuring now; {@code brokerCpuNanos} tells the broker threads' CPU time so far. */
    static IngestBenchmarkCpu start(LongSupplier brokerCpuNanos) {
        return new IngestBenchmarkCpu(brokerCpuNanos);
    }

    /** Seconds since the start. */
    double wallSeconds() {
        return (System.nanoTime() - wallStartNanos) / 1e9;
    }

    /** A snapshot of the interval so far. */
    Usage usage() {
        long cpu = processCpuNanos();
        long broker = brokerCpuNanos.getAsLong() - brokerStartNanos;
        long jit = IngestBenchJit.cpuNanos();
        long wall = System.nanoTime() - wallStartNanos;
        if (cpu < 0 || cpuStartNanos < 0 || wall <= 0) {
            return new Usage(wall / 1e9, -1, -1, -1, -1);
        }
        double process = (double) (cpu - cpuStartNanos) / wall;
        double brokerCores = (double) broker / wall;
        double jitCores = jit < 0 || jitStartNanos < 0 ? -1 : Math.max(0, (double) (jit - jitStartNanos) / wall);
        return new Usage(wall / 1e9, Math.max(0, process - brokerCores), process, brokerCores, jitCores);
    }

    /**
     * Cores busy on average over an interval; -1 where the JVM cannot tell process CPU time.
     *
     * @param seconds the interval's wall time
     * @param cores the process less the broker
     * @param processCores the whole process
     * @param brokerCores the broker's threads
     * @param jitCores the JIT compiler's threads (included in cores), -1 where unknown
     */
    record Usage(double seconds, double cores, double processCores, double brokerCores, double jitCores) {
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
