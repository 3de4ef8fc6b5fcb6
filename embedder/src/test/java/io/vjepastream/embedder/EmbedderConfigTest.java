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

    private static EmbedderConfig fromSettings(String... keysAndValues) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return EmbedderConfig.builder("b:1").settings(settings).build();
    }

    @Test
    void contextEncoderDefaultsToTheTargetEncoderAndIsValidated() {
        assertEquals(ContextEncoder.TARGET, EmbedderConfig.builder("b:1").build().contextEncoder());
        EmbedderConfig asTrained = fromSettings("contextEncoder", "AS_TRAINED");
        assertEquals(ContextEncoder.AS_TRAINED, asTrained.contextEncoder());
        assertEquals(ContextEncoder.AS_TRAINED, asTrained.toBuilder().build().contextEncoder());
        assertMessage(() -> fromSettings("contextEncoder", "online"), "--context-encoder", "online",
                "one of as_trained, target");
    }

    @Test
    void energyMeasureDefaultsToStandardisedAndIsValidated() {
        assertEquals(EnergyMeasure.STANDARDISED, EmbedderConfig.builder("b:1").build().energyMeasure());
        EmbedderConfig distance = fromSettings("energyMeasure", "Training_Distance");
        assertEquals(EnergyMeasure.TRAINING_DISTANCE, distance.energyMeasure());
        assertEquals(EnergyMeasure.TRAINING_DISTANCE, distance.toBuilder().build().energyMeasure());
        assertMessage(() -> fromSettings("energyMeasure", "l1"), "--energy-measure", "l1",
                "one of standardised, training_distance");
    }

    @Test
    void batchingSettingsHaveDefaultsAndBounds() {
        EmbedderConfig defaults = EmbedderConfig.builder("b:1").build();
        assertEquals(32, defaults.batchMaxPairs());
        assertEquals(5, defaults.batchLinger().toMillis());
        assertEquals(5L, defaults.toStreamsProperties().get(StreamsConfig.POLL_MS_CONFIG), "idle polls end within the linger");
        assertEquals(17 * 1024 * 1024, defaults.toStreamsProperties().get("producer.max.request.size"),
                "a whole frame pair can be dead-lettered or kept pending");

        EmbedderConfig parsed = fromSettings("batchMaxPairs", "8", "batchLinger", "20ms");
        assertEquals(8, parsed.batchMaxPairs());
        assertEquals(20, parsed.batchLinger().toMillis());
        assertEquals(8, parsed.toBuilder().build().batchMaxPairs());

        assertMessage(() -> EmbedderConfig.builder("b:1").batchMaxPairs(0).build(), "batchMaxPairs", "0", "1 to 1024");
        assertMessage(() -> EmbedderConfig.builder("b:1").batchLinger(java.time.Duration.ofMillis(-1)).build(),
                "batchLinger", "0s to 10s");
        assertMessage(() -> fromSettings("batchLinger", "11s"), "--batch-linger", "11s", "0s to 10s");
    }

    @Test
    void settingsByNameAreParsedAndTheRestPassToStreams() {
        EmbedderConfig config = fromSettings("zScoreWarmup", "5", "anomalyThreshold", "2.5", "statsHalfLife", "50",
                "commit.interval.ms", "200");
        assertEquals(5, config.zScoreWarmup());
        assertEquals(2.5, config.anomalyThreshold());
        assertEquals(50, config.statsHalfLife());
        assertEquals(Map.of("commit.interval.ms", "200"), config.streamsProperties());
        assertEquals(config.zScoreWarmup(), config.toBuilder().build().zScoreWarmup());
    }

    @Test
    void invalidValuesNameSettingValueAndWhatIsAllowed() {
        assertMessage(() -> EmbedderConfig.builder("b:1").processingGuarantee("exactly_once").build(),
                "processingGuarantee", "exactly_once", "at_least_once");
        assertMessage(() -> EmbedderConfig.builder("b:1").zScoreWarmup(-1).build(), "zScoreWarmup", "-1", "0 or a positive integer");
        assertMessage(() -> EmbedderConfig.builder("b:1").anomalyThreshold(Double.NaN).build(),
                "anomalyThreshold", "NaN", "> 0");
        assertMessage(() -> EmbedderConfig.builder("b:1").anomalyThreshold(0).build(), "anomalyThreshold", "> 0");
        assertMessage(() -> EmbedderConfig.builder("b:1").statsHalfLife(0).build(), "statsHalfLife", "0", ">= 1");
        assertMessage(() -> EmbedderConfig.builder(" ").build(), "bootstrapServers", " ", "host:port");
        assertMessage(() -> fromSettings("zScoreWarmup", "ten"), "--z-score-warmup", "ten", "integer");
        assertMessage(() -> EmbedderConfig.builder("b:1").streamsProperty("processing.guarantee", "at_least_once"),
                "processing.guarantee", "setter");
    }

    @Test
    void frameCacheAndTokenOutputAreSettings() {
        EmbedderConfig defaults = EmbedderConfig.builder("b:1").build();
        assertEquals(8, defaults.frameCacheFrames());
        assertFalse(defaults.emitTokens(), "tokens are off by default");
        EmbedderConfig read = fromSettings("frameCacheFrames", "0", "emitTokens", "TRUE");
        assertEquals(0, read.frameCacheFrames());
        assertTrue(read.emitTokens());
        assertTrue(read.toBuilder().build().emitTokens());
        assertMessage(() -> EmbedderConfig.builder("b:1").frameCacheFrames(-1).build(), "frameCacheFrames", "-1");
        assertMessage(() -> fromSettings("emitTokens", "yes"), "--emit-tokens", "yes", "true or false");
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
