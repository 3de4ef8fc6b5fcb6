package io.vjepastream.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.FramePair;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * A broker that answers but does not take the pairs (their topic is missing) is said apart from one that
 * does not answer at all (covered without a broker in the ingest module's sink test).
 */
class PairSinkOutageTest {
    @Test
    void aMissingTopicIsSaidAsARefusalNotAsSilence() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                        .property("auto.create.topics.enable", "false").build().start();
                KafkaPairSink sink = new KafkaPairSink(config(broker.bootstrapServers()), "vjepa.no-such-topic")) {
            Thread sender = new Thread(() -> {
                try {
                    sink.send(pair());
                } catch (RuntimeException stopped) {
                    // the interrupt below ends the wait
                }
            });
            sender.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (sink.outage().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String outage = sink.outage().orElse("");
            assertTrue(outage.startsWith("Kafka at " + broker.bootstrapServers() + " does not take the pairs: "),
                    outage);
            assertTrue(outage.contains("vjepa.no-such-topic"), "the missing topic is named: " + outage);
            assertEquals(0, sink.failed(), "a waiting pair is not lost");
            sender.interrupt();
            sender.join(10_000);
        }
    }

    private static Map<String, Object> config(String bootstrap) {
        Map<String, Object> config = new HashMap<>(PairProducerConfig.of(bootstrap));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        return config;
    }

    private static FramePair pair() {
        PairAssembler assembler = new PairAssembler("cam1", "synthetic:", 8, 4, 1, 1);
        FramePair pair = null;
        for (int n = 0; pair == null; n++) {
            pair = assembler.accept(new DecodedFrame(n * 100_000L, n, 8, 8, new byte[8 * 8 * 3]));
        }
        return pair;
    }
}
