package io.vjepastream.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The producer settings and the failure accounting. Kafka's own in-memory {@link MockProducer} stands
 * in for the broker here; producing to a real broker is covered by the app module's pipeline test.
 */
class KafkaPairSinkTest {
    private static FramePair pair(String streamId, int sequence) {
        PairAssembler assembler = new PairAssembler(streamId, "synthetic:", 8, 4, 1, 1);
        FramePair pair = null;
        for (int n = 0; n <= sequence + 1; n++) {
            pair = assembler.accept(new DecodedFrame(n * 100_000L, n, 8, 8, new byte[8 * 8 * 3]));
        }
        return pair;
    }

    @Test
    void producerConfigIsDurableAndCompressed() {
        Map<String, Object> config = KafkaPairSink.producerConfig("broker:9092");
        assertEquals("broker:9092", config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("all", config.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(true, config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("zstd", config.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertTrue((Integer) config.get(ProducerConfig.LINGER_MS_CONFIG) > 0);
        int maxRequest = (Integer) config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        byte[] encoded = Serdes.framePair().encode(pairOfSize(224));
        assertTrue(maxRequest > 2 * encoded.length, "a 224 px pair (" + encoded.length + " bytes) fits with room");
    }

    @Test
    void realProducerAcceptsTheConfig() {
        // Builds a real client (no broker needed to construct and close one).
        try (KafkaPairSink sink = new KafkaPairSink("localhost:1")) {
            assertEquals(0, sink.sent());
        }
    }

    @Test
    void keysByStreamIdAndCountsFailuresPerStream() {
        MockProducer<String, FramePair> producer =
                new MockProducer<>(false, null, new StringSerializer(), Serdes.framePair().serializer());
        KafkaPairSink sink = new KafkaPairSink(producer, Topics.FRAME_PAIRS);
        sink.send(pair("cam1", 0));
        sink.send(pair("cam2", 0));
        sink.send(pair("cam1", 1));
        assertTrue(producer.completeNext());
        assertTrue(producer.errorNext(new TimeoutException("no broker")));
        assertTrue(producer.errorNext(new TimeoutException("no broker")));

        List<ProducerRecord<String, FramePair>> history = producer.history();
        assertEquals(List.of("cam1", "cam2", "cam1"), history.stream().map(ProducerRecord::key).toList());
        assertTrue(history.stream().allMatch(r -> r.topic().equals(Topics.FRAME_PAIRS)));
        assertEquals(1L, history.get(2).value().getSequence());
        assertEquals(3, sink.sent());
        assertEquals(1, sink.acknowledged());
        assertEquals(2, sink.failed());
        assertEquals(Map.of("cam1", 1L, "cam2", 1L), sink.failedByStream());
    }

    @Test
    void sendThatCannotBeQueuedIsCountedAndThrown() {
        MockProducer<String, FramePair> producer =
                new MockProducer<>(true, null, new StringSerializer(), Serdes.framePair().serializer());
        KafkaPairSink sink = new KafkaPairSink(producer, Topics.FRAME_PAIRS);
        sink.close();
        assertThrows(RuntimeException.class, () -> sink.send(pair("cam1", 0)));
        assertEquals(Map.of("cam1", 1L), sink.failedByStream());
        assertEquals(0, sink.sent());
    }

    private static FramePair pairOfSize(int size) {
        PairAssembler assembler = new PairAssembler("big", "synthetic:", size, 16, 1, 2);
        FramePair pair = null;
        for (int n = 0; n < 3; n++) {
            pair = assembler.accept(new DecodedFrame(n, n, size, size, new byte[size * size * 3]));
        }
        return pair;
    }
}
