package io.vjepastream.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The producer settings measured for throughput, and the request size that follows the topic's limit. */
class KafkaPairSinkBatchingTest {
    @Test
    void batchesLingerAndCompressWithTheMeasuredSettings() {
        Map<String, Object> config = KafkaPairSink.producerConfig("broker:9092");
        assertEquals(KafkaPairSink.LINGER_MS, config.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("zstd", config.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals(KafkaPairSink.ZSTD_LEVEL, config.get(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG));
        assertEquals(KafkaPairSink.BATCH_BYTES, config.get(ProducerConfig.BATCH_SIZE_CONFIG));
    }

    @Test
    void requestsGrowWithTheTopicsMessageLimitUnlessTheOperatorSetsThem() {
        assertEquals(KafkaPairSink.MAX_REQUEST_BYTES, KafkaPairSink.requestBytesFor(1_000_000));
        int big = 64 * 1024 * 1024;
        assertEquals(big + 1024 * 1024, KafkaPairSink.requestBytesFor(big));
        assertEquals(big + 1024 * 1024, KafkaPairSink.producerConfig("b:9092", Map.of(), big)
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals("99000000", KafkaPairSink.producerConfig("b:9092",
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "99000000"), big).get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals(KafkaPairSink.MAX_REQUEST_BYTES, KafkaPairSink.producerConfig("b:9092", Map.of(), 16 << 20)
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    }
}
