package io.vjepastream.app.fault;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a topic holds, read from the beginning with {@code isolation.level=read_committed}, as the
 * sequence numbers each stream has on it, in offset order: duplicates and gaps stay visible.
 */
final class TopicContents {
    private TopicContents() {
    }

    /** Sequences per stream on {@code vjepa.frame-pairs}. */
    static Map<String, List<Long>> pairSequences(String bootstrap, int expected, Duration timeout) {
        return sequences(bootstrap, Topics.FRAME_PAIRS, expected, timeout, bytes -> {
            FramePair pair = Serdes.framePair().decode(bytes);
            return Map.entry(pair.getStreamId().toString(), pair.getSequence());
        });
    }

    /** Sequences per stream on {@code vjepa.anomaly-energy}. */
    static Map<String, List<Long>> energySequences(String bootstrap, int expected, Duration timeout) {
        return sequences(bootstrap, Topics.ANOMALY_ENERGY, expected, timeout, bytes -> {
            AnomalyEnergy e = Serdes.anomalyEnergy().decode(bytes);
            return Map.entry(e.getStreamId().toString(), e.getSequence());
        });
    }

    /** Sequences per stream on {@code vjepa.latents}. */
    static Map<String, List<Long>> latentSequences(String bootstrap, int expected, Duration timeout) {
        return sequences(bootstrap, Topics.LATENTS, expected, timeout, bytes -> {
            LatentState l = Serdes.latentState().decode(bytes);
            return Map.entry(l.getStreamId().toString(), l.getSequence());
        });
    }

    /** 0, 1, ..., n - 1. */
    static List<Long> upTo(long n) {
        List<Long> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    /** How many records all streams have together. */
    static int total(Map<String, List<Long>> byStream) {
        return byStream.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Reads until {@code expected} records arrived or {@code timeout} passed, then two more seconds so that
     * records beyond the expected ones (duplicates) are seen too.
     */
    private static Map<String, List<Long>> sequences(String bootstrap, String topic, int expected, Duration timeout,
            Function<byte[], Map.Entry<String, Long>> decode) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long quietEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quietEnd) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        Map<String, List<Long>> byStream = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Map.Entry<String, Long> entry = decode.apply(record.value());
            byStream.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
        }
        return byStream;
    }
}
