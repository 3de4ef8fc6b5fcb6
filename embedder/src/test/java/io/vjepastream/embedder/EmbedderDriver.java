package io.vjepastream.embedder;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The embedder topology on a {@link TopologyTestDriver}, with its input and output topics. */
final class EmbedderDriver implements AutoCloseable {
    final EmbedderMetrics metrics;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> pairs;
    final TestOutputTopic<String, LatentState> latents;
    final TestOutputTopic<String, AnomalyEnergy> energies;
    final TestOutputTopic<String, byte[]> deadLetters;
    private final Duration linger;

    EmbedderDriver(EmbedderConfig config, ModelRegistry registry) {
        this(config, registry, new EmbedderMetrics(), Instant.now());
    }

    /** A driver counting into {@code metrics}, whose wall clock starts at {@code wallClock}. */
    EmbedderDriver(EmbedderConfig config, ModelRegistry registry, EmbedderMetrics metrics, Instant wallClock) {
        this.metrics = metrics;
        linger = Duration.ofMillis(Math.max(1, config.batchLinger().toMillis()));
        driver = new TopologyTestDriver(EmbedderTopology.build(config, registry, metrics), config.toStreamsProperties(),
                wallClock);
        pairs = driver.createInputTopic(Topics.FRAME_PAIRS, new StringSerializer(), new ByteArraySerializer());
        latents = driver.createOutputTopic(Topics.LATENTS, new StringDeserializer(), Serdes.latentState().deserializer());
        energies = driver.createOutputTopic(Topics.ANOMALY_ENERGY, new StringDeserializer(),
                Serdes.anomalyEnergy().deserializer());
        deadLetters = driver.createOutputTopic(Topics.FRAME_PAIRS_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends a pair keyed by its stream id and lets the batch linger pass, so that it is answered. */
    void send(FramePair pair) {
        pipe(pair);
        lingerPasses();
    }

    /** Sends a pair keyed by its stream id; it waits in the batch until it is full or the linger passes. */
    void pipe(FramePair pair) {
        pairs.pipeInput(pair.getStreamId(), Serdes.framePair().encode(pair));
    }

    /** Advances the wall clock by the batch linger, firing the punctuator that scores what waits. */
    void lingerPasses() {
        driver.advanceWallClockTime(linger);
    }

    /** The statistics kept for {@code streamId}, or null. */
    EnergyStatistics statistics(String streamId, double halfLife) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(PairScoringProcessor.STATS_STORE);
        byte[] bytes = store.get(streamId);
        return bytes == null ? null : EnergyStatistics.fromBytes(bytes, halfLife);
    }

    @Override
    public void close() {
        driver.close();
    }
}
