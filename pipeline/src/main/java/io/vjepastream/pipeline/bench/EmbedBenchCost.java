package io.vjepastream.pipeline.bench;

import io.micrometer.core.instrument.Timer;
import io.vjepastream.embedder.EmbedderMeters;
import io.vjepastream.embedder.EmbedderService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where one bench phase's time went: the CPU this JVM used (broker, bench clients and embedder together)
 * per answered pair, split by thread (Java threads by name, numbers folded; what no Java thread accounts
 * for is PyTorch's own worker threads and the JVM's), and the share of the phase's wall time the embedder
 * spent in model calls. On a shared machine these say more than wall-clock rates: a busy neighbour slows
 * the phase, not the work.
 */
final class EmbedBenchCost {
    private final EmbedderService embedder;
    private final long startNanos;
    private final long startCpuNanos;
    private final double startScoringNanos;
    private final Map<Long, Long> startThreadNanos;

    private EmbedBenchCost(EmbedderService embedder) {
        this.embedder = embedder;
        this.startNanos = System.nanoTime();
        this.startCpuNanos = processCpuNanos();
        this.startScoringNanos = scoringNanos(embedder);
        this.startThreadNanos = threadCpuNanos();
    }

    /** Starts measuring a phase now. */
    static EmbedBenchCost start(EmbedderService embedder) {
        return new EmbedBenchCost(embedder);
    }

    /**
     * Ends the phase and writes {@code <prefix>_cpu_ms_per_pair} and {@code <prefix>_model_busy} (model
     * time over wall time, 0 to 1) into {@code json}.
     */
    void finish(String prefix, long pairs, Map<String, Object> json) {
        double wall = System.nanoTime() - startNanos;
        double cpu = processCpuNanos() - startCpuNanos;
        double scoring = scoringNanos(embedder) - startScoringNanos;
        json.put(prefix + "_cpu_ms_per_pair", round(cpu / 1e6 / Math.max(1, pairs)));
        json.put(prefix + "_model_busy", Math.round(scoring / wall * 100) / 100.0);
        json.put(prefix + "_cpu_ms_per_pair_by_thread", byThread(cpu, pairs));
    }

    /** CPU ms per pair of each thread group, largest first, the threads that used under 1% left out. */
    private Map<String, Double> byThread(double processCpu, long pairs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> groups = new HashMap<>();
        double javaThreads = 0;
        for (Map.Entry<Long, Long> e : threadCpuNanos().entrySet()) {
            ThreadInfo info = threads.getThreadInfo(e.getKey());
            double used = e.getValue() - startThreadNanos.getOrDefault(e.getKey(), 0L);
            if (info == null || used <= 0) {
                continue;
            }
            javaThreads += used;
            // group threads that differ only by numbers or ids: stream threads, request handlers, ...
            String group = info.getThreadName().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "*").replaceAll("\\d+", "N");
            groups.merge(group, used, Double::sum);
        }
        groups.put("(native threads and the JVM)", processCpu - javaThreads);
        Map<String, Double> top = new LinkedHashMap<>();
        groups.entrySet().stream().filter(e -> e.getValue() >= processCpu / 100)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> top.put(e.getKey(), round(e.getValue() / 1e6 / Math.max(1, pairs))));
        return top;
    }

    private static Map<Long, Long> threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static double scoringNanos(EmbedderService embedder) {
        Timer timer = embedder.meterRegistry().find(EmbedderMeters.PREFIX + "scoring").timer();
        return timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
