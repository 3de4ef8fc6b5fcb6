package io.vjepastream.embedder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The embedder's meters: pairs answered (throughput), anomalies, dead letters, model calls and their
 * duration, each answer's lag behind the capture of its frame, model loads and refusals, the serving
 * model's version as an info gauge ({@code vjepa_embedder_model_info{version="tiny-v3"} 1}), and
 * Kafka Streams' own metrics while Streams runs.
 */
public final class EmbedderMeters implements AutoCloseable {
    /** Prefix of every embedder meter. */
    public static final String PREFIX = "vjepa.embedder.";

    private final MeterRegistry registry;
    private final Timer scoring;
    private final Timer answerLag;
    private final MultiGauge modelInfo;
    private final List<Meter> meters = new ArrayList<>();
    private volatile KafkaStreamsMetrics streamsMetrics;

    /** Creates the timers on {@code registry}; {@link #bind(EmbedderService)} adds the rest. */
    public EmbedderMeters(MeterRegistry registry) {
        this.registry = registry;
        registry.config().meterFilter(new StateStoreTags());
        this.scoring = Timer.builder(PREFIX + "scoring").description("duration of one model call over a batch of pairs")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.answerLag = Timer.builder(PREFIX + "answer.lag")
                .description("wall-clock time from the capture of a pair's last frame to its answer")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.modelInfo = MultiGauge.builder(PREFIX + "model.info")
                .description("1 for the version of the model serving now").register(registry);
    }

    /** Counters that feed these timers, for the scoring processors. */
    EmbedderMetrics newMetrics() {
        return new EmbedderMetrics(scoring, answerLag);
    }

    /** Binds the counters and the model version of {@code service}. */
    void bind(EmbedderService service) {
        counter("pairs.scored", "pairs answered on the latent and energy topics", service, MetricsSnapshot::pairsScored);
        counter("pairs.anomalous", "pairs flagged anomalous", service, MetricsSnapshot::anomalies);
        counter("dead.letters", "records sent to the dead-letter topic", service, MetricsSnapshot::pairsDeadLettered);
        counter("batches", "model calls", service, MetricsSnapshot::batches);
        counter("model.loads", "checkpoints loaded and swapped in", service, MetricsSnapshot::modelLoads);
        counter("model.load.failures", "checkpoints that could not be loaded", service, MetricsSnapshot::modelLoadFailures);
        service.registry().onSwap(version -> modelInfo.register(
                List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true));
    }

    /** Binds Kafka Streams' metrics (threads, tasks, state stores, clients) until {@link #close()}. */
    void bindStreams(KafkaStreams streams) {
        KafkaStreamsMetrics bound = new KafkaStreamsMetrics(streams);
        bound.bindTo(registry);
        streamsMetrics = bound;
    }

    private void counter(String name, String help, EmbedderService service, ToDoubleFunction<MetricsSnapshot> value) {
        meters.add(FunctionCounter.builder(PREFIX + name, service, s -> value.applyAsDouble(s.metrics()))
                .description(help).register(registry));
    }

    /** Stops refreshing the Kafka Streams metrics and removes the service's counters. */
    @Override
    public void close() {
        KafkaStreamsMetrics bound = streamsMetrics;
        if (bound != null) {
            bound.close();
        }
        meters.forEach(registry::remove);
        meters.clear();
    }
}
