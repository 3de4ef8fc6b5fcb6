package io.vjepastream.trainer;

import io.vjepastream.model.FramePairDecoder;
import io.vjepastream.model.PairSample;
import io.vjepastream.trainer.loop.BatchSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continual trainer's batches: polls frame pairs, decodes them into the replay buffer (or the held-out
 * set), records each partition's next offset for the checkpoints, and draws a mask-balanced batch once the
 * buffer holds one. A record that cannot be decoded is skipped and counted; the embedder, which answers
 * every pair, dead-letters it.
 */
final class KafkaBatches implements BatchSource {
    private static final Logger log = LoggerFactory.getLogger(KafkaBatches.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> positions;
    private final int batchSize;
    private final FramePairDecoder decoder;
    private final ReplayBuffer buffer;
    private final MaskEqualizer equalizer;
    private final HeldOutValidation validation;
    private final TrainerProgress progress;

    /**
     * @param positions each partition's next offset, updated as records arrive; the checkpoints store it
     * @param validation the held-out set that claims some records, or null
     */
    KafkaBatches(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> positions, TrainerConfig config,
                 HeldOutValidation validation, TrainerProgress progress) {
        this.consumer = consumer;
        this.positions = positions;
        this.batchSize = config.batchSize();
        this.decoder = new FramePairDecoder(config.model());
        this.buffer = new ReplayBuffer(config.replayCapacity(), config.model().seed());
        this.equalizer = new MaskEqualizer(config.model(), config.model().seed());
        this.validation = validation;
        this.progress = progress;
    }

    @Override
    public Optional<List<PairSample>> next() {
        // With a batch in hand the poll only collects what has already arrived; otherwise it waits a little.
        boolean canTrain = buffer.size() >= batchSize;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(canTrain ? Duration.ZERO : IDLE_POLL)) {
            positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            accept(record);
        }
        if (buffer.size() < batchSize) {
            return Optional.empty();
        }
        return Optional.of(equalizer.equalize(buffer.sample(batchSize)));
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        PairSample sample;
        try {
            sample = decoder.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("skipping {}-{}@{} (key {}), which cannot be decoded: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            progress.rejected();
            return;
        }
        if (validation != null && validation.claims(record.offset())) {
            validation.hold(sample);
        } else {
            buffer.add(record.key() == null ? "" : record.key(), sample);
        }
        progress.received();
    }
}
