package io.vjepastream.trainer;

import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes a {@link CheckpointEvent} for each complete checkpoint, keyed by model id on the compacted
 * checkpoint topic. The version of a checkpoint is its step count: it grows with every checkpoint of a
 * model line and says how much training is behind it.
 */
public final class CheckpointAnnouncer {
    private final Producer<String, byte[]> producer;
    private final String modelId;
    private final Clock clock;
    private final AvroSerde<CheckpointEvent> serde = Serdes.checkpointEvent();

    public CheckpointAnnouncer(Producer<String, byte[]> producer, String modelId, Clock clock) {
        this.producer = producer;
        this.modelId = modelId;
        this.clock = clock;
    }

    /** Sends the event and waits for the broker to acknowledge it. */
    public CheckpointEvent announce(WrittenCheckpoint checkpoint, Map<String, Double> metrics) {
        CheckpointEvent event = CheckpointEvent.newBuilder()
                .setModelId(modelId)
                .setVersion(checkpoint.step())
                .setStep(checkpoint.step())
                .setUri(checkpoint.directory().toUri().toString())
                .setSha256(checkpoint.sha256())
                .setCreatedAtMillis(clock.millis())
                .setMetrics(Map.copyOf(metrics))
                .setOffsets(checkpoint.offsets())
                .build();
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, modelId, serde.encode(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while announcing checkpoint " + checkpoint.directory(), e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot announce checkpoint " + checkpoint.directory() + " on "
                    + Topics.CHECKPOINTS + ": " + e.getCause().getMessage(), e.getCause());
        }
        return event;
    }
}
