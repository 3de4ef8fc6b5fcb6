package io.vjepastream.embedder;

import io.vjepastream.model.InvalidPairException;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one frame pair at a time: decodes it, runs the serving model, updates the stream's energy
 * statistics and forwards a {@link LatentState} and an {@link AnomalyEnergy}, both keyed by stream id
 * and stamped with the version of the model that scored the pair.
 *
 * <p>Values arrive as raw bytes so that a record that cannot be read reaches this processor instead of
 * stopping the stream thread. Undecodable records, frames that cannot be turned into pixels and pairs
 * the model rejects are forwarded unchanged to the dead-letter sink with a one-line reason. Any other
 * failure is not the record's fault and propagates, so Kafka Streams stops rather than dropping data.
 */
public final class PairScoringProcessor implements Processor<String, byte[], String, byte[]> {
    /** The persistent, changelogged store of each stream's {@link EnergyStatistics}. */
    public static final String STATS_STORE = "energy-stats";
    /** Value of {@link Topics#DLQ_SERVICE_HEADER} on records this service dead-letters. */
    public static final String SERVICE_NAME = "embedder";
    private static final Logger LOG = LoggerFactory.getLogger(PairScoringProcessor.class);
    private static final int MAX_REASON_LENGTH = 500;

    private final EmbedderConfig config;
    private final ModelRegistry registry;
    private final EmbedderMetrics metrics;
    private final AvroSerde<FramePair> pairs = Serdes.framePair();
    private final AvroSerde<LatentState> latents = Serdes.latentState();
    private final AvroSerde<AnomalyEnergy> energies = Serdes.anomalyEnergy();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> statistics;

    /** A processor scoring with {@code registry}'s model and counting into {@code metrics}. */
    public PairScoringProcessor(EmbedderConfig config, ModelRegistry registry, EmbedderMetrics metrics) {
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.statistics = context.getStateStore(STATS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            deadLetter(record, "record has no value");
            return;
        }
        FramePair pair;
        try {
            pair = pairs.decode(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, reason(e));
            return;
        }
        Scored scored;
        String version;
        try (ModelRegistry.Lease lease = registry.lease()) {
            version = lease.version();
            PairSample sample;
            try {
                // Depends on the record's content and the serving model's input size only.
                sample = PairSamples.from(pair, lease.inference().config().imageSize());
            } catch (IllegalArgumentException e) {
                deadLetter(record, reason(e));
                return;
            }
            try {
                scored = lease.inference().score(List.of(sample)).get(0);
            } catch (InvalidPairException e) {
                deadLetter(record, "model " + version + " rejects the pair: " + e.getMessage());
                return;
            }
        }
        answer(record, pair, scored, version);
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void answer(Record<String, byte[]> record, FramePair pair, Scored scored, String version) {
        String streamId = pair.getStreamId();
        Frame last = PairSamples.lastTarget(pair);
        double energy = scored.energy();
        double z;
        boolean anomalous;
        if (Double.isFinite(energy)) {
            EnergyStatistics stats = statisticsOf(streamId);
            long seen = stats.count();
            z = stats.update(energy);
            statistics.put(streamId, stats.toBytes());
            anomalous = seen >= config.zScoreWarmup() && z >= config.anomalyThreshold();
        } else {
            // A non-finite energy would poison the running statistics; report it without a z-score.
            LOG.warn("model {} gave energy {} for stream {} pair {}; statistics left unchanged", version, energy,
                    streamId, pair.getSequence());
            z = Double.NaN;
            anomalous = false;
        }
        LatentState latent = LatentState.newBuilder()
                .setStreamId(streamId)
                .setSequence(pair.getSequence())
                .setPtsMicros(last.getPtsMicros())
                .setCaptureTimeMicros(last.getCaptureTimeMicros())
                .setModelVersion(version)
                .setEmbedding(floats(scored.embedding()))
                .setTokens(null)
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
        long timestamp = record.timestamp();
        context.forward(new Record<>(streamId, latents.encode(latent), timestamp, new RecordHeaders()),
                EmbedderTopology.LATENTS_SINK);
        context.forward(new Record<>(streamId, energies.encode(anomaly), timestamp, new RecordHeaders()),
                EmbedderTopology.ANOMALY_SINK);
        metrics.scored(version, anomalous);
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
                    STATS_STORE, e.getMessage());
            return EnergyStatistics.empty(config.statsHalfLife());
        }
    }

    private void deadLetter(Record<String, byte[]> record, String why) {
        String reason = oneLine(why);
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(Topics.DLQ_REASON_HEADER);
        headers.remove(Topics.DLQ_SERVICE_HEADER);
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SERVICE_HEADER, SERVICE_NAME.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers), EmbedderTopology.DLQ_SINK);
        metrics.deadLettered();
        LOG.warn("dead-lettered a record of {} with key {}: {}", Topics.FRAME_PAIRS, record.key(), reason);
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_REASON_LENGTH ? flat : flat.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }

    private static List<Float> floats(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
