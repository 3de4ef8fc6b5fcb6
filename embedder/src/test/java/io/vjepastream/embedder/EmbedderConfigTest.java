package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;

class EmbedderConfigTest {
    @Test
    void defaultsMatchTheDesign() {
        EmbedderConfig config = EmbedderConfig.builder("broker:9092").build();
        assertEquals("vjepa-embedder", config.applicationId());
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, config.processingGuarantee());
        assertEquals(30, config.zScoreWarmup());
        assertEquals(3.0, config.anomalyThreshold());
        assertEquals(200, config.statsHalfLife());
        assertEquals("", config.modelId());
    }

    @Test
    void streamsPropertiesCarryTheSettingsAndTheExtras() {
        EmbedderConfig config = EmbedderConfig.builder("broker:9092")
                .stateDir(Path.of("/var/lib/embedder"))
                .processingGuarantee(StreamsConfig.AT_LEAST_ONCE)
                .streamsProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2")
                .streamsProperty("security.protocol", "SSL")
                .streamsProperty("consumer.max.poll.records", "10")
                .build();
        Properties streams = config.toStreamsProperties();
        assertEquals("broker:9092", streams.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("/var/lib/embedder", streams.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals(StreamsConfig.AT_LEAST_ONCE, streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("2", streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals(LogAndContinueExceptionHandler.class.getName(),
                streams.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));

        Properties consumer = config.checkpointConsumerProperties();
        assertEquals("SSL", consumer.get("security.protocol"));
        assertEquals("10", consumer.get("max.poll.records"));
        assertFalse(consumer.containsKey(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    }

    @Test
    void streamThreadsPollTwoBatchesUnlessTold() {
        assertEquals(64, EmbedderConfig.builder("b:1").build().toStreamsProperties()
                .get("consumer.max.poll.records"), "two batches of the default 32 pairs");
        assertEquals(16, EmbedderConfig.builder("b:1").batchMaxPairs(8).build().toStreamsProperties()
                .get("consumer.max.poll.records"), "two batches of the configured size");
        assertEquals("100", EmbedderConfig.builder("b:1").streamsProperty("consumer.max.poll.records", "100").build()
                .toStreamsProperties().get("consumer.max.poll.records"));
    }

    @Test
    void contextEncoderDefaultsToTheTargetEncoderAndIsValidated() {
        assertEquals(ContextEncoder.TARGET, EmbedderConfig.builder("b:1").build().contextEncoder());
        EmbedderConfig asTrained = EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1",
                "embedder.context.encoder", "AS_TRAINED"));
        assertEquals(ContextEncoder.AS_TRAINED, asTrained.contextEncoder());
        assertEquals(ContextEncoder.AS_TRAINED, asTrained.toBuilder().build().contextEncoder());
        assertMessage(() -> EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1",
                "embedder.context.encoder", "online")), "embedder.context.encoder", "online", "target or as_trained");
        assertThrows(IllegalArgumentException.class,
                () -> EmbedderConfig.builder("b:1").streamsProperty("embedder.context.encoder", "target"));
    }

    @Test
    void energyMeasureDefaultsToStandardisedAndIsValidated() {
        assertEquals(EnergyMeasure.STANDARDISED, EmbedderConfig.builder("b:1").build().energyMeasure());
        EmbedderConfig distance = EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1",
                "embedder.energy.measure", "Training_Distance"));
        assertEquals(EnergyMeasure.TRAINING_DISTANCE, distance.energyMeasure());
        assertEquals(EnergyMeasure.TRAINING_DISTANCE, distance.toBuilder().build().energyMeasure());
        assertMessage(() -> EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1",
                "embedder.energy.measure", "l1")), "embedder.energy.measure", "l1", "standardised or training_distance");
        assertThrows(IllegalArgumentException.class,
                () -> EmbedderConfig.builder("b:1").streamsProperty("embedder.energy.measure", "standardised"));
    }

    @Test
    void batchingSettingsHaveDefaultsAndBounds() {
        EmbedderConfig defaults = EmbedderConfig.builder("b:1").build();
        assertEquals(32, defaults.batchMaxPairs());
        assertEquals(5, defaults.batchLinger().toMillis());
        assertEquals(5L, defaults.toStreamsProperties().get(StreamsConfig.POLL_MS_CONFIG), "idle polls end within the linger");
        assertEquals(17 * 1024 * 1024, defaults.toStreamsProperties().get("producer.max.request.size"),
                "a whole frame pair can be dead-lettered or kept pending");

        EmbedderConfig parsed = EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1",
                "embedder.batch.max.pairs", "8", "embedder.batch.linger.ms", "20"));
        assertEquals(8, parsed.batchMaxPairs());
        assertEquals(20, parsed.batchLinger().toMillis());
        assertEquals(8, parsed.toBuilder().build().batchMaxPairs());

        assertMessage(() -> EmbedderConfig.builder("b:1").batchMaxPairs(0).build(), "embedder.batch.max.pairs", "0", "1 to");
        assertMessage(() -> EmbedderConfig.builder("b:1").batchLinger(java.time.Duration.ofMillis(-1)).build(),
                "embedder.batch.linger.ms", "-1");
    }

    @Test
    void fromPropertiesParsesOwnKeysAndPassesTheRestThrough() {
        EmbedderConfig config = EmbedderConfig.fromProperties(Map.of(
                "bootstrap.servers", "k1:9092,k2:9092",
                "embedder.zscore.warmup", "5",
                "embedder.anomaly.threshold", "2.5",
                "embedder.stats.half.life", "50",
                "commit.interval.ms", "200"));
        assertEquals(5, config.zScoreWarmup());
        assertEquals(2.5, config.anomalyThreshold());
        assertEquals(50, config.statsHalfLife());
        assertEquals(Map.of("commit.interval.ms", "200"), config.streamsProperties());
        assertEquals(config.zScoreWarmup(), config.toBuilder().build().zScoreWarmup());
    }

    @Test
    void invalidValuesNameKeyValueAndWhatIsAllowed() {
        assertMessage(() -> EmbedderConfig.builder("b:1").processingGuarantee("exactly_once").build(),
                "processing.guarantee", "exactly_once", "at_least_once");
        assertMessage(() -> EmbedderConfig.builder("b:1").zScoreWarmup(-1).build(), "embedder.zscore.warmup", "-1", ">= 0");
        assertMessage(() -> EmbedderConfig.builder("b:1").anomalyThreshold(Double.NaN).build(),
                "embedder.anomaly.threshold", "NaN", "> 0");
        assertMessage(() -> EmbedderConfig.builder("b:1").statsHalfLife(0).build(), "embedder.stats.half.life", "0", ">= 1");
        assertMessage(() -> EmbedderConfig.builder(" ").build(), "bootstrap.servers", " ", "host:port");
        assertMessage(() -> EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1", "embedder.zscore.warmup", "ten")),
                "embedder.zscore.warmup", "ten", "integer");
        assertMessage(() -> EmbedderConfig.builder("b:1").streamsProperty("processing.guarantee", "at_least_once"),
                "processing.guarantee", "setter");
    }

    @Test
    void frameCacheAndTokenOutputAreSettings() {
        EmbedderConfig defaults = EmbedderConfig.builder("b:1").build();
        assertEquals(EmbedderConfig.DEFAULT_FRAME_CACHE_FRAMES, defaults.frameCacheFrames());
        assertFalse(defaults.emitTokens(), "tokens are off by default");
        EmbedderConfig read = EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1",
                EmbedderConfig.FRAME_CACHE_FRAMES, "0", EmbedderConfig.EMIT_TOKENS, "TRUE"));
        assertEquals(0, read.frameCacheFrames());
        assertTrue(read.emitTokens());
        assertTrue(read.toBuilder().build().emitTokens());
        assertMessage(() -> EmbedderConfig.builder("b:1").frameCacheFrames(-1).build(), "embedder.frame.cache.frames", "-1");
        assertMessage(() -> EmbedderConfig.fromProperties(Map.of("bootstrap.servers", "b:1", EmbedderConfig.EMIT_TOKENS, "yes")),
                "embedder.emit.tokens", "yes", "true or false");
    }

    @Test
    void aClosingMemberLeavesItsGroupUnlessToldOtherwise() {
        String key = StreamsConfig.mainConsumerPrefix(StreamsDefaults.LEAVE_GROUP_ON_CLOSE);
        assertEquals("true", EmbedderConfig.builder("b:1").build().toStreamsProperties().get(key));
        assertEquals("false", EmbedderConfig.builder("b:1").streamsProperty(key, "false").build()
                .toStreamsProperties().get(key));
    }

    private static void assertMessage(Runnable action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
        }
    }
}
