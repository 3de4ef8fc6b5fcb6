package io.vjepastream.app.fault;

import io.vjepastream.ingest.pair.TemporalMasks;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A served model and frame pairs for the embedder's fault tests: the tiny model at 32 x 32, noise frames. */
final class EmbedderFixtures {
    private static final int SIZE = FaultModels.TINY.imageSize();

    private EmbedderFixtures() {
    }

    /** Saves the untrained tiny model in {@code dir}, seals it, and announces it as version 1 of model "tiny". */
    static void announceModel(String bootstrap, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (JepaTrainer trainer = new JepaTrainer(FaultModels.TINY)) {
            trainer.save(dir);
        }
        CheckpointManifest.write(dir);
        CheckpointEvent event = CheckpointEvent.newBuilder()
                .setModelId("tiny").setVersion(1).setStep(0).setUri(dir.toUri().toString())
                .setSha256(CheckpointManifest.digestOf(dir)).setCreatedAtMillis(System.currentTimeMillis())
                .setMetrics(Map.of()).setOffsets(Map.of()).build();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, "tiny", Serdes.checkpointEvent().encode(event))).get();
        }
    }

    /** Idempotent producer of raw pair bytes. */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends pairs {@code from} to {@code to - 1} of every stream, interleaved, and waits for the acks. */
    static void sendPairs(KafkaProducer<String, byte[]> producer, List<String> streams, long from, long to) {
        for (long seq = from; seq < to; seq++) {
            for (String stream : streams) {
                producer.send(new ProducerRecord<>(Topics.FRAME_PAIRS, stream, Serdes.framePair().encode(pair(stream, seq))));
            }
        }
        producer.flush();
    }

    private static FramePair pair(String stream, long seq) {
        long seed = stream.hashCode() * 31L + seq;
        List<Frame> context = List.of(frame(seq, seed), frame(seq + 1, seed + 1));
        List<Frame> target = List.of(frame(seq + 2, seed + 2));
        return FramePair.newBuilder().setStreamId(stream).setSequence(seq)
                .setContext(new ArrayList<>(context)).setTarget(new ArrayList<>(target))
                .setStrideFrames(1).setAction(null).setSource("test:" + stream)
                .setMask(TemporalMasks.temporal(2, 1, SIZE / FaultModels.TINY.patchSize(), FaultModels.TINY.patchSize()))
                .build();
    }

    private static Frame frame(long index, long seed) {
        byte[] rgb = new byte[SIZE * SIZE * 3];
        new Random(seed).nextBytes(rgb);
        return Frame.newBuilder().setPtsMicros(index * 40_000).setCaptureTimeMicros(System.currentTimeMillis() * 1000)
                .setWidth(SIZE).setHeight(SIZE).setPixelFormat(PixelFormat.RGB24).setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(rgb)).build();
    }
}
