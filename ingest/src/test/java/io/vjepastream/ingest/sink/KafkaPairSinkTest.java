package io.vjepastream.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.Test;

/**
 * The producer settings and the failure accounting, with real producers; producing to a real broker
 * (keys, acknowledgements) is covered by the app module's pipeline test.
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
        Map<String, Object> config = PairProducerConfig.of("broker:9092");
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
    void aPairNoBrokerTakesWaitsAndIsNotCountedAsLost() throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        Map<String, Object> config = new HashMap<>(PairProducerConfig.of(bootstrap));
        // Say the outage quickly: nothing listens on that port.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        try (KafkaPairSink sink = new KafkaPairSink(config, Topics.FRAME_PAIRS)) {
            AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    sink.send(pair("cam1", 0));
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            sender.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.outage().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(sink.outage().orElse("").startsWith("no answer from Kafka at " + bootstrap), sink.outage().toString());
            Thread.sleep(1_000);
            assertTrue(sender.isAlive(), "the pair still waits after several tries");
            assertEquals(0, sink.failed(), "a waiting pair is not lost");
            sender.interrupt();
            sender.join(10_000);
            assertTrue(thrown.get() instanceof InterruptException, "a stop ends the wait: " + thrown.get());
            assertEquals(0, sink.sent());
            assertEquals(Map.of(), sink.failedByStream(), "a send that throws is the caller's to count");
        }
    }

    @Test
    void sendThatCannotBeQueuedIsThrownForTheCallerToCount() {
        KafkaPairSink sink = new KafkaPairSink("127.0.0.1:1");
        sink.close();
        assertThrows(RuntimeException.class, () -> sink.send(pair("cam1", 0)));
        assertEquals(Map.of(), sink.failedByStream());
        assertEquals(0, sink.sent());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
