package io.vjepastream.pipeline.bench;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.sink.PairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongSupplier;

/**
 * Several streams paced to real time at once, for a fixed time: does ingest keep up with all of them
 * live? A stream keeps up when every pair whose target frame falls in the measured window reaches the
 * sink by the end of it (plus one second of grace). The result counts the pairs that did not (missing),
 * the pairs the ingest queue dropped, how far behind its own schedule any frame was released, and the
 * cores used meanwhile: by ingest (the process less the in-JVM broker's threads), by the whole process
 * and by the broker.
 */
final class IngestBenchmarkLive {
    private static final Duration GRACE = Duration.ofSeconds(1);

    private IngestBenchmarkLive() {
    }

    /**
     * What a live run measured.
     *
     * @param streams streams run at once
     * @param seconds the measured window
     * @param fps each stream's frame rate
     * @param expectedPairs pairs whose target frame lies in the window, over all streams
     * @param deliveredPairs of those, the pairs that reached the sink in time
     * @param queueDrops pairs the ingest queue dropped because the sink fell behind
     * @param maxLagMillis the most any frame was released behind its stream's real-time schedule
     * @param coresUsed CPU time over wall time during the window, the broker's threads left out
     * @param processCoresUsed the same for the whole process
     * @param brokerCoresUsed the same for the broker's threads
     * @param acknowledged pairs the broker acknowledged
     * @param failed pairs the producer failed to write
     */
    record Result(int streams, double seconds, double fps, long expectedPairs, long deliveredPairs, long queueDrops,
                  double maxLagMillis, double coresUsed, double processCoresUsed, double brokerCoresUsed,
                  long acknowledged, long failed) {
        long missingPairs() {
            return Math.max(0, expectedPairs - deliveredPairs);
        }
    }

    /**
     * Runs {@code sources} (each a source URI) as separate streams paced to real time for {@code window}.
     *
     * @param config pairs and resolution; realtime pacing is switched on here
     * @param fps the sources' frame rate, to know how many frames the window holds
     * @param brokerCpuNanos the broker threads' CPU time so far, left out of the cores used
     */
    static Result run(List<String> sources, double fps, Duration window, IngestConfig config, String bootstrap,
                      LongSupplier brokerCpuNanos) throws InterruptedException {
        KafkaPairSink kafka = new KafkaPairSink(bootstrap);
        long windowMicros = window.toNanos() / 1000;
        TimingSink sink = new TimingSink(kafka, windowMicros);
        List<SourceSpec> specs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            specs.add(SourceSpec.parse("live" + i + "=" + sources.get(i)));
        }
        IngestConfig paced = config.toBuilder().realtime(true).build();
        IngestService service = new IngestService(paced, specs, sink);
        IngestBenchmarkCpu cpu;
        long delivered;
        IngestBenchmarkCpu.Usage cores;
        Map<String, StreamStats> stats;
        try (service) {
            cpu = IngestBenchmarkCpu.start(brokerCpuNanos);
            service.start();
            Thread.sleep(window.plus(GRACE).toMillis());
            cores = cpu.usage();
            delivered = sink.inWindow.get();
            stats = service.metrics();
        }
        long dropped = stats.values().stream().mapToLong(StreamStats::pairsDropped).sum();
        // Frames n with n / fps < window are in the window; the first c * k of each stream make no pair.
        long framesInWindow = (long) Math.ceil(window.toNanos() / 1e9 * fps - 1e-9);
        long span = (long) paced.contextFrames() * paced.strideFrames();
        long expected = sources.size() * Math.max(0, framesInWindow - span);
        return new Result(sources.size(), window.toNanos() / 1e9, fps, expected, delivered, dropped,
                sink.maxLagMicros.get() / 1000.0, cores.cores(), cores.processCores(), cores.brokerCores(),
                kafka.acknowledged(), kafka.failed());
    }

    /**
     * Passes pairs on and measures them: how many have their target frame in the window, and how late
     * each frame was released relative to its stream's first frame (capture time minus presentation time,
     * less the same difference for the stream's first pair).
     */
    private static final class TimingSink implements PairSink {
        private final PairSink delegate;
        private final long windowMicros;
        private final Map<String, long[]> firstTimes = new ConcurrentHashMap<>();
        private final AtomicLong inWindow = new AtomicLong();
        private final LongAccumulator maxLagMicros = new LongAccumulator(Math::max, 0);

        TimingSink(PairSink delegate, long windowMicros) {
            this.delegate = delegate;
            this.windowMicros = windowMicros;
        }

        @Override
        public void send(FramePair pair) {
            delegate.send(pair);
            Frame target = pair.getTarget().get(pair.getTarget().size() - 1);
            Frame oldest = pair.getContext().isEmpty() ? target : pair.getContext().get(0);
            // The stream's first frame is the oldest context frame of its first pair.
            long[] first = firstTimes.computeIfAbsent(pair.getStreamId(),
                    id -> new long[] {oldest.getPtsMicros(), oldest.getCaptureTimeMicros()});
            long pts = target.getPtsMicros() - first[0];
            long lag = (target.getCaptureTimeMicros() - first[1]) - pts;
            maxLagMicros.accumulate(lag);
            if (pts < windowMicros) {
                inWindow.incrementAndGet();
            }
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
