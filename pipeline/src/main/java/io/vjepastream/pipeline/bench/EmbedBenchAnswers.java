package io.vjepastream.pipeline.bench;

import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Send times of the pairs of the current phase, and the answers read back on a read_committed consumer. */
final class EmbedBenchAnswers implements AutoCloseable {
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    EmbedBenchAnswers(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
        // Assigned and positioned before any pair is sent, so that no answer is missed.
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANOMALY_ENERGY).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        long seq = Serdes.anomalyEnergy().decode(r.value()).getSequence();
                        answeredAt.putIfAbsent(r.key() + "#" + seq, now);
                    }
                }
            }
        }, "bench-embed-reader");
        reader.start();
    }

    void sent(String stream, long seq, long nanos) {
        sentAt.put(stream + "#" + seq, nanos);
    }

    int sent() {
        return sentAt.size();
    }

    void reset() {
        sentAt.clear();
        answeredAt.clear();
    }

    /** Waits until {@code expected} pairs of this phase are answered or {@code limit} has passed. */
    void await(int expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (answered() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private long answered() {
        return sentAt.keySet().stream().filter(answeredAt::containsKey).count();
    }

    long unanswered() {
        return sentAt.size() - answered();
    }

    /** Every sent pair's latency; an unanswered pair counts with its wait until now. */
    double[] latenciesMs() {
        long now = System.nanoTime();
        return sentAt.entrySet().stream()
                .mapToDouble(e -> (answeredAt.getOrDefault(e.getKey(), now) - e.getValue()) / 1e6).sorted().toArray();
    }

    double answersPerSecond() {
        long[] times = sentAt.keySet().stream().filter(answeredAt::containsKey).mapToLong(answeredAt::get)
                .sorted().toArray();
        if (times.length < 2) {
            return 0;
        }
        return (times.length - 1) / ((times[times.length - 1] - times[0]) / 1e9);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(10_000);
    }
}
