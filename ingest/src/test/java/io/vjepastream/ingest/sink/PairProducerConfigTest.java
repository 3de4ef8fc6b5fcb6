package io.vjepastream.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The producer settings measured for throughput, and the request size that follows the topic's limit. */
class PairProducerConfigTest {
    @Test
    void batchesLingerAndCompressWithTheMeasuredSettings() {
        Map<String, Object> config = PairProducerConfig.of("broker:9092");
        assertEquals(PairProducerConfig.LINGER_MS, config.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("zstd", config.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals(PairProducerConfig.ZSTD_LEVEL, config.get(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG));
        assertEquals(PairProducerConfig.BATCH_BYTES, config.get(ProducerConfig.BATCH_SIZE_CONFIG));
    }

    @Test
    void requestsGrowWithTheTopicsMessageLimitUnlessTheOperatorSetsThem() {
        assertEquals(PairProducerConfig.MAX_REQUEST_BYTES, PairProducerConfig.requestBytesFor(1_000_000));
        int big = 64 * 1024 * 1024;
        assertEquals(big + 1024 * 1024, PairProducerConfig.requestBytesFor(big));
        assertEquals(big + 1024 * 1024, PairProducerConfig.of("b:9092", Map.of(), big)
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals("99000000", PairProducerConfig.of("b:9092",
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "99000000"), big).get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals(PairProducerConfig.MAX_REQUEST_BYTES, PairProducerConfig.of("b:9092", Map.of(), 16 << 20)
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    }
}
