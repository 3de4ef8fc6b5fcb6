package io.vjepastream.embedder;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Checkpoints of a very small model, frame pairs, and Kafka clients for the embedder's broker tests. */
final class BrokerFixtures {
    /** Frame side of the test model: 32 x 32 pixels, a 4 x 4 grid of 8-pixel patches. */
    static final int SIZE = 32;
    static final JepaConfig MODEL = JepaConfig.builder().imageSize(SIZE).patchSize(8)
            .encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();

    private BrokerFixtures() {
    }

    /** A model trained {@code steps} steps on noise, saved and sealed in {@code dir}. */
    static Path checkpoint(Path dir, int steps) throws IOException {
        byte[] a = noise(1);
        return TinyCheckpoints.write(dir, MODEL, steps, new PairSample(List.of(a, a), List.of(noise(2))));
    }

    /** Announces {@code dir} as version {@code version} of model {@code tiny}. */
    static void announce(String bootstrap, long version, Path dir) throws Exception {
        CheckpointEvent event = CheckpointEvent.newBuilder()
                .setModelId("tiny").setVersion(version).setStep(version).setUri(dir.toUri().toString())
                .setSha256(CheckpointManifest.digestOf(dir)).setCreatedAtMillis(System.currentTimeMillis())
                .setMetrics(Map.of()).setOffsets(Map.of()).build();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, "tiny", Serdes.checkpointEvent().encode(event))).get();
        }
    }

    /** Sends pairs {@code from} to {@code to - 1} of every stream, interleaved, and waits for the acks. */
    static void sendPairs(KafkaProducer<String, byte[]> producer, List<String> streams, long from, long to) throws Exception {
        for (long seq = from; seq < to; seq++) {
            for (String stream : streams) {
                producer.send(new ProducerRecord<>(Topics.FRAME_PAIRS, stream, Serdes.framePair().encode(pair(stream, seq))));
            }
        }
        producer.flush();
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * Reads {@code topic} from the beginning with a read_committed consumer, keeping the records whose key
     * passes {@code keys}, until {@code expected} were read, then reads on for {@code quiet} to catch extras.
     */
    static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic, Predicate<String> keys,
            int expected, Duration timeout, Duration quiet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.test(r.key())) {
                        records.add(r);
                    }
                });
            }
            long quietEnd = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietEnd) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.test(r.key())) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    /** Pair {@code seq} of {@code stream}: random frames, so that energies vary from pair to pair. */
    static FramePair pair(String stream, long seq) {
        long seed = stream.hashCode() * 31L + seq;
        List<Frame> context = List.of(frame(seq, noise(seed)), frame(seq + 1, noise(seed + 1)));
        List<Frame> target = List.of(frame(seq + 2, noise(seed + 2)));
        return TestPairs.pair(stream, seq, context, target, SIZE);
    }

    private static byte[] noise(long seed) {
        byte[] rgb = new byte[SIZE * SIZE * 3];
        new Random(seed).nextBytes(rgb);
        return rgb;
    }

    private static Frame frame(long index, byte[] rgb) {
        return Frame.newBuilder().setPtsMicros(index * 40_000).setCaptureTimeMicros(System.currentTimeMillis() * 1000)
                .setWidth(SIZE).setHeight(SIZE).setPixelFormat(PixelFormat.RGB24).setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(rgb)).build();
    }
}
