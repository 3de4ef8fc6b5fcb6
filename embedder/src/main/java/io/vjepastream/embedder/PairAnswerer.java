package io.vjepastream.embedder;

import io.vjepastream.model.Scored;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one scored pair into its answers: updates the stream's energy statistics, forwards a
 * {@link LatentState} and an {@link AnomalyEnergy} keyed by stream id and stamped with the model version
 * that scored the pair, and keeps both as the stream's latest for interactive queries.
 */
final class PairAnswerer {
    private static final Logger LOG = LoggerFactory.getLogger(PairAnswerer.class);

    private final EmbedderConfig config;
    private final EmbedderMetrics metrics;
    private final AnswerListener listener;
    private final AnomalyRule rule;
    private final ProcessorContext<String, byte[]> context;
    private final KeyValueStore<String, byte[]> statistics;
    private final KeyValueStore<String, byte[]> latestEnergy;
    private final KeyValueStore<String, byte[]> latestLatent;
    private final AvroSerde<LatentState> latents = Serdes.latentState();
    private final AvroSerde<AnomalyEnergy> energies = Serdes.anomalyEnergy();

    PairAnswerer(EmbedderConfig config, EmbedderMetrics metrics, ProcessorContext<String, byte[]> context,
                 AnswerListener listener) {
        this.listener = listener;
        this.config = config;
        this.rule = AnomalyRule.of(config);
        this.metrics = metrics;
        this.context = context;
        this.statistics = context.getStateStore(PairScoringProcessor.STATS_STORE);
        this.latestEnergy = context.getStateStore(PairScoringProcessor.LATEST_ENERGY_STORE);
        this.latestLatent = context.getStateStore(PairScoringProcessor.LATEST_LATENT_STORE);
    }

    /** Answers {@code pair}, scored as {@code scored} by model {@code version}, with the input's timestamp. */
    void answer(FramePair pair, Scored scored, String version, long timestamp) {
        String streamId = pair.getStreamId();
        Frame last = PairSamples.lastTarget(pair);
        double energy = scored.energy();
        EnergyStatistics stats = statisticsOf(streamId);
        AnomalyRule.Judgement judged = rule.judge(stats, energy);
        if (Double.isFinite(energy)) {
            statistics.put(streamId, stats.toBytes());
        } else {
            LOG.warn("model {} gave energy {} for stream {} pair {}; statistics left unchanged", version, energy,
                    streamId, pair.getSequence());
        }
        double z = judged.zScore();
        boolean anomalous = judged.anomalous();
        LatentState latent = LatentState.newBuilder()
                .setStreamId(streamId)
                .setSequence(pair.getSequence())
                .setPtsMicros(last.getPtsMicros())
                .setCaptureTimeMicros(last.getCaptureTimeMicros())
                .setModelVersion(version)
                .setEmbedding(floats(scored.embedding()))
                .setTokens(config.emitTokens() && scored.tokens() != null ? floats(scored.tokens()) : null)
                .build();
        AnomalyEnergy anomaly = AnomalyEnergy.newBuilder()
                .setStreamId(streamId)
                .setSequence(pair.getSequence())
                .setPtsMicros(last.getPtsMicros())
                .setCaptureTimeMicros(last.getCaptureTimeMicros())
                .setModelVersion(version)
                .setEnergy(energy)
                .setZScore(z)
                .setAnomalous(anomalous)
                .setPatchEnergy(floats(scored.patchEnergy()))
                .build();
        byte[] latentBytes = latents.encode(latent);
        byte[] energyBytes = energies.encode(anomaly);
        context.forward(new Record<>(streamId, latentBytes, timestamp, new RecordHeaders()), EmbedderTopology.LATENTS_SINK);
        context.forward(new Record<>(streamId, energyBytes, timestamp, new RecordHeaders()), EmbedderTopology.ANOMALY_SINK);
        latestLatent.put(streamId, latentBytes);
        latestEnergy.put(streamId, energyBytes);
        // The embedder's clock is Kafka Streams' wall-clock time, which a TopologyTestDriver advances.
        long now = context.currentSystemTimeMs();
        metrics.scored(version, anomalous, last.getCaptureTimeMicros(), now);
        listener.answered(pair, anomaly, now);
    }

    private EnergyStatistics statisticsOf(String streamId) {
        byte[] stored = statistics.get(streamId);
        if (stored == null) {
            return EnergyStatistics.empty(config.statsHalfLife());
        }
        try {
            return EnergyStatistics.fromBytes(stored, config.statsHalfLife());
        } catch (IllegalArgumentException e) {
            LOG.warn("energy statistics of stream {} in {} are unreadable ({}); starting them afresh", streamId,
                    PairScoringProcessor.STATS_STORE, e.getMessage());
            return EnergyStatistics.empty(config.statsHalfLife());
        }
    }

    private static List<Float> floats(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
