package io.vjepastream.app.service;

import static io.vjepastream.app.CliRun.vjepa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.ingest.action.ActionJoin;
import io.vjepastream.records.Action;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code vjepa ingest --max-message-bytes} and {@code --join-actions}: where the pairs go and how big they may be. */
class IngestCommandTopicsTest {
    @Test
    void aPairTooBigForTheTopicIsRefusedAtStartWithTheNumbers() {
        // 3 x 512 x 512 x 3 bytes do not fit in 2 MB; nothing is opened and no broker is needed.
        CliRun small = vjepa("ingest", "--source", "synthetic:?seconds=1", "--bootstrap", "127.0.0.1:1",
                "--image-size", "512", "--max-message-bytes", "2000000");
        assertEquals(1, small.exitCode(), small.out() + small.err());
        assertEquals(1, small.err().strip().lines().count(), small.err());
        assertTrue(small.err().contains("can take up to 2428098 bytes") && small.err().contains("maxMessageBytes = 2000000"),
                small.err());

        // Without the option the limit is the one vjepa local gives the topic.
        CliRun big = vjepa("ingest", "--source", "synthetic:?seconds=1", "--bootstrap", "127.0.0.1:1",
                "--image-size", "2048");
        assertEquals(1, big.exitCode(), big.out() + big.err());
        assertTrue(big.err().contains("maxMessageBytes = " + TopicSetup.MAX_MESSAGE_BYTES), big.err());
    }

    @Test
    @Timeout(180)
    void joinActionsPutsTheRobotsCommandIntoEveryPair() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.createAll(bootstrap, 1, (short) 1);
            Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (KafkaProducer<String, Action> robot = new KafkaProducer<>(producerProps, new StringSerializer(),
                    Serdes.action().serializer())) {
                robot.send(new ProducerRecord<>(Topics.ACTIONS, "arm", Action.newBuilder().setStreamId("arm")
                        .setPtsMicros(0).setValues(List.of(0.5f, -1f)).build())).get();
            }

            CliRun run = vjepa("ingest", "--source", "arm=synthetic:?seconds=1&fps=10", "--bootstrap", bootstrap,
                    "--join-actions", "--status-every", "200ms", "--http-port", "-1");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            // 10 frames at stride 2 make 6 pairs; the action at time 0 is in force for all of them.
            List<FramePair> joined = read(bootstrap, Topics.FRAME_PAIRS, 6);
            assertEquals(6, joined.size(), run.out() + run.err());
            for (FramePair pair : joined) {
                assertEquals(List.of(0.5f, -1f), pair.getAction(), "pair " + pair.getSequence());
            }
            List<FramePair> unjoined = read(bootstrap, ActionJoin.UNJOINED_TOPIC, 6);
            assertEquals(6, unjoined.size());
            assertNull(unjoined.get(0).getAction(), "ingest itself leaves the action to the join");
        }
    }

    private static List<FramePair> read(String bootstrap, String topic, int expected) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<FramePair> pairs = new ArrayList<>();
        try (KafkaConsumer<String, FramePair> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Serdes.framePair().deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pairs.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> pairs.add(r.value()));
            }
            // One more poll: a duplicate would show here.
            consumer.poll(Duration.ofMillis(300)).forEach(r -> pairs.add(r.value()));
        }
        return pairs;
    }
}
