package io.vjepastream.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The ingest service's meters, per stream (tag {@code stream}): frames decoded and pairs sent, the
 * recent input and output rates, pairs dropped, reconnects, decode latency, producer errors and queue
 * depth; plus the Kafka producer's own metrics when the sink is Kafka. Every meter reads the service's
 * counters when the registry is scraped, so ingest's hot path does no extra work.
 */
final class IngestMeters implements AutoCloseable {
    /** Prefix of every ingest meter. */
    public static final String PREFIX = "vjepa.ingest.";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final KafkaClientMetrics producerMetrics;

    private IngestMeters(MeterRegistry registry, KafkaClientMetrics producerMetrics) {
        this.registry = registry;
        this.producerMetrics = producerMetrics;
    }

    /**
     * Binds the meters of every stream of {@code service} to {@code registry}.
     *
     * @param producerMetrics the sink's Kafka producer metrics, bound too and closed with these meters; or null
     */
    public static IngestMeters bind(IngestService service, MeterRegistry registry, KafkaClientMetrics producerMetrics) {
        IngestMeters bound = new IngestMeters(registry, producerMetrics);
        for (String streamId : service.metrics().keySet()) {
            bound.bindStream(service, streamId);
        }
        if (producerMetrics != null) {
            producerMetrics.bindTo(registry);
        }
        return bound;
    }

    private void bindStream(IngestService service, String streamId) {
        Tags tags = Tags.of("stream", streamId);
        counter("frames.decoded", "frames read from the source", tags, service, streamId, StreamStats::framesDecoded);
        counter("frames.sampled", "frames kept by the sampler", tags, service, streamId, StreamStats::framesSampled);
        counter("pairs.sent", "frame pairs handed to the producer", tags, service, streamId, StreamStats::pairsSent);
        counter("pairs.dropped", "pairs dropped because the producer fell behind a live source", tags, service,
                streamId, StreamStats::pairsDropped);
        counter("reconnects", "times a live source was brought back after a drop", tags, service, streamId,
                StreamStats::reconnects);
        counter("errors", "failed opens or reads and pairs the producer refused", tags, service, streamId,
                StreamStats::errors);
        gauge("fps.in", "frames decoded per second, recent", null, tags, service, streamId, StreamStats::fpsIn);
        gauge("fps.out", "pairs produced per second, recent", null, tags, service, streamId,
                StreamStats::pairsPerSecondOut);
        gauge("decode.latency", "recent mean time to get one decoded frame from the source", "seconds", tags,
                service, streamId, s -> s.decodeLatencyMicros() / 1e6);
        gauge("queue.pairs", "pairs waiting between decoding and producing", null, tags, service, streamId,
                StreamStats::queued);
        gauge("stream.running", "1 while the stream reads frames, else 0", null, tags, service, streamId,
                s -> s.state() == StreamState.RUNNING ? 1 : 0);
    }

    private void counter(String name, String help, Tags tags, IngestService service, String streamId,
                         ToDoubleFunction<StreamStats> value) {
        meters.add(FunctionCounter.builder(PREFIX + name, service, s -> read(s, streamId, value))
                .description(help).tags(tags).register(registry));
    }

    private void gauge(String name, String help, String unit, Tags tags, IngestService service, String streamId,
                       ToDoubleFunction<StreamStats> value) {
        meters.add(Gauge.builder(PREFIX + name, service, s -> read(s, streamId, value))
                .description(help).baseUnit(unit).tags(tags).register(registry));
    }

    private static double read(IngestService service, String streamId, ToDoubleFunction<StreamStats> value) {
        StreamStats stats = service.metrics().get(streamId);
        return stats == null ? Double.NaN : value.applyAsDouble(stats);
    }

    /** Removes these meters from the registry and stops refreshing the producer's metrics. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
        if (producerMetrics != null) {
            producerMetrics.close();
        }
    }
}
