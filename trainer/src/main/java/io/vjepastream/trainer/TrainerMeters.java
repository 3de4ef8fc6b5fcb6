package io.vjepastream.trainer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The trainer's meters: steps and their rate, the loss, the collapse statistics (embedding spread and
 * effective rank), checkpoints and the age of the newest, pairs received, undecodable records
 * rejected, and skipped steps; plus the Kafka consumer's and producer's own metrics while the training loop has them open.
 * Every meter reads {@link TrainerService#metrics()} when the registry is scraped.
 */
public final class TrainerMeters implements AutoCloseable {
    /** Prefix of every trainer meter. */
    public static final String PREFIX = "vjepa.trainer.";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private TrainerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds the meters of {@code service} to {@code registry}. */
    public static TrainerMeters bind(TrainerService service, MeterRegistry registry) {
        TrainerMeters bound = new TrainerMeters(registry);
        bound.counter("steps", "optimisation steps done, including those restored from a checkpoint", service,
                TrainerMetrics::steps);
        bound.gauge("steps.rate", "training steps per second, recent", null, service, TrainerMetrics::stepsPerSecond);
        bound.gauge("loss", "loss of the latest step", null, service, TrainerMetrics::lastLoss);
        bound.gauge("gradient.norm", "global L2 norm of the latest step's gradients, before clipping at grad_clip", null,
                service, TrainerMetrics::gradientNorm);
        bound.gauge("embedding.std", "mean per-dimension spread of the pooled embeddings at the last collapse check",
                null, service, TrainerMetrics::embeddingStd);
        bound.gauge("embedding.effective.rank", "effective rank of the centred pooled embeddings at the last check",
                null, service, TrainerMetrics::effectiveRank);
        bound.gauge("validation.loss", "loss on held-out pairs at the last checkpoint", null, service,
                TrainerMetrics::validationLoss);
        bound.counter("pairs.received", "frame pairs accepted into the replay buffer", service,
                TrainerMetrics::pairsReceived);
        bound.counter("rejected.records", "records that could not be decoded and were skipped", service,
                TrainerMetrics::rejected);
        bound.counter("skipped.steps", "steps whose loss was not finite", service, TrainerMetrics::skippedSteps);
        bound.counter("checkpoints", "checkpoints written by this run", service, TrainerMetrics::checkpoints);
        bound.gauge("checkpoint.step", "step of the newest checkpoint", null, service, TrainerMetrics::lastCheckpointStep);
        bound.meters.add(FunctionCounter.builder(PREFIX + "checkpoint.failures", service,
                        TrainerService::checkpointFailures)
                .description("checkpoints that could not be written and were retried").register(registry));
        bound.meters.add(Gauge.builder(PREFIX + "checkpoint.age", service, TrainerMeters::checkpointAgeSeconds)
                .description("seconds since the newest checkpoint was written").baseUnit("seconds").register(registry));
        bound.meters.add(Gauge.builder(PREFIX + "running", service, s -> s.healthy() ? 1 : 0)
                .description("1 while the training loop runs, else 0").register(registry));
        return bound;
    }

    private static double checkpointAgeSeconds(TrainerService service) {
        return service.checkpointAge().map(age -> age.toMillis() / 1000.0).orElse(Double.NaN);
    }

    /**
     * Binds the metrics of the training loop's Kafka clients until the returned handle is closed.
     *
     * @param consumer the frame-pairs consumer
     * @param producer the checkpoint producer
     */
    public AutoCloseable bindClients(Consumer<?, ?> consumer, Producer<?, ?> producer) {
        KafkaClientMetrics in = new KafkaClientMetrics(consumer);
        KafkaClientMetrics out = new KafkaClientMetrics(producer);
        in.bindTo(registry);
        out.bindTo(registry);
        return () -> {
            in.close();
            out.close();
        };
    }

    private void counter(String name, String help, TrainerService service, ToDoubleFunction<TrainerMetrics> value) {
        meters.add(FunctionCounter.builder(PREFIX + name, service, s -> value.applyAsDouble(s.metrics()))
                .description(help).register(registry));
    }

    private void gauge(String name, String help, String unit, TrainerService service,
                       ToDoubleFunction<TrainerMetrics> value) {
        meters.add(Gauge.builder(PREFIX + name, service, s -> value.applyAsDouble(s.metrics()))
                .description(help).baseUnit(unit).register(registry));
    }

    /** Removes these meters from the registry. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
