package io.vjepastream.trainer;

import io.vjepastream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends records the trainer cannot use, unchanged, to the dead-letter topic with the reason. */
public final class DeadLetterPublisher {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private final Producer<String, byte[]> producer;

    public DeadLetterPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public void publish(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("dead-lettering {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.FRAME_PAIRS_DLQ, record.key(), record.value());
        dead.headers().add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(Topics.DLQ_SERVICE_HEADER, "trainer".getBytes(StandardCharsets.UTF_8));
        producer.send(dead, (metadata, error) -> {
            if (error != null) {
                log.error("cannot dead-letter {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        error.getMessage());
            }
        });
    }
}
