package io.vjepastream.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {
    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    void producedRecordsComeBackInOrder() throws Exception {
        String topic = Topics.LATENTS;
        try (KafkaProducer<String, String> producer = stringProducer(broker.bootstrapServers())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "cam-" + i, "value-" + i)).get();
            }
        }
        List<ConsumerRecord<String, String>> records = consumeAll(broker.bootstrapServers(), topic, 10);
        assertEquals(10, records.size());
        for (int i = 0; i < 10; i++) {
            assertEquals("cam-" + i, records.get(i).key());
            assertEquals("value-" + i, records.get(i).value());
            assertEquals(i, records.get(i).offset());
        }
    }

    @Test
    void topicsHaveTheirConfigsAndSetupIsIdempotent() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertTrue(admin.listTopics().names().get().containsAll(Topics.ALL));
            assertEquals(Set.of(), TopicSetup.createAll(admin, 1, (short) 1), "second setup creates nothing");

            ConfigResource checkpoints = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CHECKPOINTS);
            ConfigResource pairs = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAME_PAIRS);
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAME_PAIRS_DLQ);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(checkpoints, pairs, dlq)).all().get();
            assertEquals("compact", configs.get(checkpoints).get("cleanup.policy").value());
            assertEquals("zstd", configs.get(pairs).get("compression.type").value());
            assertEquals(Integer.toString(16 * 1024 * 1024), configs.get(pairs).get("max.message.bytes").value());
            assertTrue(Integer.parseInt(configs.get(dlq).get("max.message.bytes").value()) > 16 * 1024 * 1024);
            assertEquals("delete", configs.get(pairs).get("cleanup.policy").value());
        }
    }

    @Test
    void acceptsRecordsLargerThanKafkasDefaultLimit() throws Exception {
        byte[] value = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(value);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(Topics.FRAME_PAIRS, value)).get();
            assertEquals(Topics.FRAME_PAIRS, metadata.topic());
            assertTrue(metadata.serializedValueSize() >= value.length);
        }
    }

    @Test
    void closeDeletesTheTemporaryDirectoryAndThePortCanBeReused(@TempDir Path kept) throws Exception {
        EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().build().start();
        Path temporary = first.dataDir();
        int port = first.port();
        assertTrue(Files.isDirectory(temporary));
        first.close();
        assertFalse(Files.exists(temporary), "temporary data dir is deleted on close");
        first.close();

        Path dataDir = kept.resolve("kafka");
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().port(port).dataDir(dataDir).build().start()) {
            assertEquals("127.0.0.1:" + port, second.bootstrapServers());
            TopicSetup.createAll(second.bootstrapServers(), 1, (short) 1);
            try (KafkaProducer<String, String> producer = stringProducer(second.bootstrapServers())) {
                producer.send(new ProducerRecord<>(Topics.ACTIONS, "cam", "kept")).get();
            }
        }
        assertTrue(Files.isDirectory(dataDir), "a given data dir is kept on close");

        try (EmbeddedKafkaBroker third = EmbeddedKafkaBroker.builder().port(port).dataDir(dataDir).build().start()) {
            List<ConsumerRecord<String, String>> records = consumeAll(third.bootstrapServers(), Topics.ACTIONS, 1);
            assertEquals(1, records.size());
            assertEquals("kept", records.get(0).value());
        }
    }

    private static KafkaProducer<String, String> stringProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

}
