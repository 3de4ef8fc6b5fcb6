package io.vjepastream.embedder;

import static io.vjepastream.embedder.SettingValues.invalid;
import static io.vjepastream.embedder.SettingValues.parseBoolean;
import static io.vjepastream.embedder.SettingValues.parseDouble;
import static io.vjepastream.embedder.SettingValues.parseInt;
import static io.vjepastream.embedder.SettingValues.parseLong;
import static io.vjepastream.embedder.SettingValues.take;

import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the embedder: where Kafka is, how Streams runs, and how the anomaly flag is derived from
 * the energy. Immutable; build with {@link #builder(String)} or {@link #fromProperties(Map)}. Every
 * value is checked in {@link Builder#build()}; a bad one raises an {@link IllegalArgumentException}
 * naming the key, the value and what is allowed.
 */
public final class EmbedderConfig {
    /** Kafka bootstrap servers, {@code host:port[,host:port]}. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** Kafka Streams application id; also prefixes the changelog topic of the statistics store. */
    public static final String APPLICATION_ID = "application.id";
    /** Where Kafka Streams keeps the local copy of the statistics store. */
    public static final String STATE_DIR = "state.dir";
    /** {@code exactly_once_v2} or {@code at_least_once}. */
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    /** Pairs a stream must have been scored on before its anomaly flag may be set. */
    public static final String ZSCORE_WARMUP = "embedder.zscore.warmup";
    /** z-score at or above which a pair is flagged anomalous. */
    public static final String ANOMALY_THRESHOLD = "embedder.anomaly.threshold";
    /** Half-life, in pairs, of the exponentially weighted energy statistics. */
    public static final String STATS_HALF_LIFE = "embedder.stats.half.life";
    /** Only checkpoints of this model id are served; empty serves the newest of any model. */
    public static final String MODEL_ID = "embedder.model.id";
    /** How long a graceful close may take, in milliseconds. */
    public static final String CLOSE_TIMEOUT_MS = "embedder.close.timeout.ms";
    /** The most pairs scored in one model call; they may come from every stream of a stream thread. */
    public static final String BATCH_MAX_PAIRS = "embedder.batch.max.pairs";
    /**
     * How long, in milliseconds, the oldest buffered pair waits for others before its batch is scored;
     * while pairs keep arriving (a backlog) up to four times as long, so that the batch fills.
     */
    public static final String BATCH_LINGER_MS = "embedder.batch.linger.ms";
    /**
     * Frames per stream whose encoder tokens are kept for the stream's next pairs (which share frames);
     * 0 encodes every frame of every pair.
     */
    public static final String FRAME_CACHE_FRAMES = "embedder.frame.cache.frames";
    /** Whether each LatentState carries all the newest frame's tokens, not only their mean. */
    public static final String EMIT_TOKENS = "embedder.emit.tokens";
    /**
     * The encoder of the predictor's context when scoring: {@code target} (one encoder pass per frame) or
     * {@code as_trained}; see {@link ContextEncoder}.
     */
    public static final String CONTEXT_ENCODER = "embedder.context.encoder";
    /**
     * How the energy is measured: {@code standardised} (each dimension's error in units of its spread
     * over the pair's context and target tokens) or {@code training_distance}; see {@link EnergyMeasure}.
     */
    public static final String ENERGY_MEASURE = "embedder.energy.measure";

    /** The default application id. */
    public static final String DEFAULT_APPLICATION_ID = "vjepa-embedder";
    /**
     * The default of {@link #BATCH_MAX_PAIRS}: past about 12 pairs the default model's cost per pair
     * levels off, and room for more lets a batch absorb a burst instead of queueing it.
     */
    public static final int DEFAULT_BATCH_MAX_PAIRS = 32;
    /** The default of {@link #BATCH_LINGER_MS}. */
    public static final long DEFAULT_BATCH_LINGER_MS = 5;
    private static final int MAX_BATCH_PAIRS = 1024;
    /**
     * Largest record the embedder writes: a frame pair (up to the 16 MiB the frame-pairs topic allows)
     * with its dead-letter headers or its pending-store framing.
     */
    static final int MAX_RECORD_BYTES = 17 * 1024 * 1024;
    private static final long MAX_LINGER_MS = 10_000;
    /** The default of {@link #FRAME_CACHE_FRAMES}. */
    public static final int DEFAULT_FRAME_CACHE_FRAMES = 8;
    private static final int MAX_FRAME_CACHE_FRAMES = 256;

    private static final Set<String> RESERVED = Set.of(BOOTSTRAP_SERVERS, APPLICATION_ID, STATE_DIR,
            PROCESSING_GUARANTEE, ZSCORE_WARMUP, ANOMALY_THRESHOLD, STATS_HALF_LIFE, MODEL_ID, CLOSE_TIMEOUT_MS,
            BATCH_MAX_PAIRS, BATCH_LINGER_MS, FRAME_CACHE_FRAMES, EMIT_TOKENS, CONTEXT_ENCODER,
            ENERGY_MEASURE);
    private static final Set<String> GUARANTEES = Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

    private final String bootstrapServers;
    private final String applicationId;
    private final Path stateDir;
    private final String processingGuarantee;
    private final int zScoreWarmup;
    private final double anomalyThreshold;
    private final double statsHalfLife;
    private final String modelId;
    private final Duration closeTimeout;
    private final int batchMaxPairs;
    private final Duration batchLinger;
    private final int frameCacheFrames;
    private final boolean emitTokens;
    private final ContextEncoder contextEncoder;
    private final EnergyMeasure energyMeasure;
    private final Map<String, String> streamsProperties;

    private EmbedderConfig(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.applicationId = b.applicationId;
        this.stateDir = b.stateDir;
        this.processingGuarantee = b.processingGuarantee;
        this.zScoreWarmup = b.zScoreWarmup;
        this.anomalyThreshold = b.anomalyThreshold;
        this.statsHalfLife = b.statsHalfLife;
        this.modelId = b.modelId;
        this.closeTimeout = b.closeTimeout;
        this.batchMaxPairs = b.batchMaxPairs;
        this.batchLinger = b.batchLinger;
        this.frameCacheFrames = b.frameCacheFrames;
        this.emitTokens = b.emitTokens;
        this.contextEncoder = b.contextEncoder;
        this.energyMeasure = b.energyMeasure;
        this.streamsProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.streamsProperties));
    }

    /** A builder with the defaults, for a cluster at {@code bootstrapServers}. */
    public static Builder builder(String bootstrapServers) {
        return new Builder().bootstrapServers(bootstrapServers);
    }

    /**
     * Reads the keys of this class (see the constants) from a flat map; every other key is passed to
     * Kafka Streams unchanged. Numbers are parsed here, so a typo is reported with its key.
     */
    public static EmbedderConfig fromProperties(Map<String, String> properties) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        Builder b = builder(p.remove(BOOTSTRAP_SERVERS));
        take(p, APPLICATION_ID, b::applicationId);
        take(p, STATE_DIR, v -> b.stateDir(Path.of(v)));
        take(p, PROCESSING_GUARANTEE, b::processingGuarantee);
        take(p, ZSCORE_WARMUP, v -> b.zScoreWarmup(parseInt(ZSCORE_WARMUP, v)));
        take(p, ANOMALY_THRESHOLD, v -> b.anomalyThreshold(parseDouble(ANOMALY_THRESHOLD, v)));
        take(p, STATS_HALF_LIFE, v -> b.statsHalfLife(parseDouble(STATS_HALF_LIFE, v)));
        take(p, MODEL_ID, b::modelId);
        take(p, CLOSE_TIMEOUT_MS, v -> b.closeTimeout(Duration.ofMillis(parseLong(CLOSE_TIMEOUT_MS, v))));
        take(p, BATCH_MAX_PAIRS, v -> b.batchMaxPairs(parseInt(BATCH_MAX_PAIRS, v)));
        take(p, BATCH_LINGER_MS, v -> b.batchLinger(Duration.ofMillis(parseLong(BATCH_LINGER_MS, v))));
        take(p, FRAME_CACHE_FRAMES, v -> b.frameCacheFrames(parseInt(FRAME_CACHE_FRAMES, v)));
        take(p, EMIT_TOKENS, v -> b.emitTokens(parseBoolean(EMIT_TOKENS, v)));
        take(p, CONTEXT_ENCODER, v -> {
            try {
                b.contextEncoder(ContextEncoder.fromKey(v));
            } catch (IllegalArgumentException e) {
                throw invalid(CONTEXT_ENCODER, v, "target or as_trained");
            }
        });
        take(p, ENERGY_MEASURE, v -> {
            try {
                b.energyMeasure(EnergyMeasure.fromKey(v));
            } catch (IllegalArgumentException e) {
                throw invalid(ENERGY_MEASURE, v, "standardised or training_distance");
            }
        });
        p.forEach(b::streamsProperty);
        return b.build();
    }

    public String bootstrapServers() { return bootstrapServers; }
    public String applicationId() { return applicationId; }
    public Path stateDir() { return stateDir; }
    public String processingGuarantee() { return processingGuarantee; }
    public int zScoreWarmup() { return zScoreWarmup; }
    public double anomalyThreshold() { return anomalyThreshold; }
    public double statsHalfLife() { return statsHalfLife; }
    /** The model id to serve, or the empty string for any. */
    public String modelId() { return modelId; }
    public Duration closeTimeout() { return closeTimeout; }
    /** The most pairs scored in one model call. */
    public int batchMaxPairs() { return batchMaxPairs; }
    /** How long the oldest buffered pair may wait before its batch is scored. */
    public Duration batchLinger() { return batchLinger; }
    /** Frames per stream whose encodings are reused by the stream's next pairs; 0 when frames are not cached. */
    public int frameCacheFrames() { return frameCacheFrames; }
    /** Whether latent states carry the newest frame's tokens. */
    public boolean emitTokens() { return emitTokens; }
    /** The encoder of the predictor's context when scoring. */
    public ContextEncoder contextEncoder() { return contextEncoder; }
    /** How the energy is measured. */
    public EnergyMeasure energyMeasure() { return energyMeasure; }
    /** The extra Kafka Streams properties, as given. */
    public Map<String, String> streamsProperties() { return streamsProperties; }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrapServers = bootstrapServers;
        b.applicationId = applicationId;
        b.stateDir = stateDir;
        b.processingGuarantee = processingGuarantee;
        b.zScoreWarmup = zScoreWarmup;
        b.anomalyThreshold = anomalyThreshold;
        b.statsHalfLife = statsHalfLife;
        b.modelId = modelId;
        b.closeTimeout = closeTimeout;
        b.batchMaxPairs = batchMaxPairs;
        b.batchLinger = batchLinger;
        b.frameCacheFrames = frameCacheFrames;
        b.emitTokens = emitTokens;
        b.contextEncoder = contextEncoder;
        b.energyMeasure = energyMeasure;
        b.streamsProperties.putAll(streamsProperties);
        return b;
    }

    /**
     * The complete Kafka Streams configuration: the embedder's {@link StreamsDefaults} (among them a
     * log-and-continue deserialization handler and leaving the group on close), then the extra properties,
     * then this class's settings.
     */
    public Properties toStreamsProperties() {
        Properties props = StreamsDefaults.forEmbedder(batchMaxPairs, batchLinger);
        props.putAll(streamsProperties);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        return props;
    }

    /**
     * Settings for the plain consumer that reads checkpoint events: the bootstrap servers, every
     * unprefixed consumer setting among the extra properties (security, SASL, TLS, config providers),
     * and any {@code consumer.}-prefixed ones unprefixed.
     */
    public Properties checkpointConsumerProperties() {
        Properties props = StreamsClientPolicy.checkpointConsumer(streamsProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId + "-checkpoints");
        return props;
    }

    @Override
    public String toString() {
        return "EmbedderConfig{" + BOOTSTRAP_SERVERS + "=" + bootstrapServers + ", " + APPLICATION_ID + "=" + applicationId
                + ", " + STATE_DIR + "=" + stateDir + ", " + PROCESSING_GUARANTEE + "=" + processingGuarantee
                + ", " + ZSCORE_WARMUP + "=" + zScoreWarmup + ", " + ANOMALY_THRESHOLD + "=" + anomalyThreshold
                + ", " + STATS_HALF_LIFE + "=" + statsHalfLife + ", " + MODEL_ID + "=" + modelId
                + ", " + CLOSE_TIMEOUT_MS + "=" + closeTimeout.toMillis() + ", " + BATCH_MAX_PAIRS + "=" + batchMaxPairs
                + ", " + BATCH_LINGER_MS + "=" + batchLinger.toMillis()
                + ", " + FRAME_CACHE_FRAMES + "=" + frameCacheFrames + ", " + EMIT_TOKENS + "=" + emitTokens
                + ", " + CONTEXT_ENCODER + "=" + contextEncoder.key() + ", " + ENERGY_MEASURE + "=" + energyMeasure.key()
                + ", extra=" + streamsProperties.keySet() + "}";
    }

    /** Collects settings; {@link #build()} validates them all. */
    public static final class Builder {
        private String bootstrapServers;
        private String applicationId = DEFAULT_APPLICATION_ID;
        private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_APPLICATION_ID);
        private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;
        private int zScoreWarmup = 30;
        private double anomalyThreshold = 3.0;
        private double statsHalfLife = 200;
        private String modelId = "";
        private Duration closeTimeout = Duration.ofSeconds(30);
        private int batchMaxPairs = DEFAULT_BATCH_MAX_PAIRS;
        private Duration batchLinger = Duration.ofMillis(DEFAULT_BATCH_LINGER_MS);
        private int frameCacheFrames = DEFAULT_FRAME_CACHE_FRAMES;
        private boolean emitTokens;
        private ContextEncoder contextEncoder = ContextEncoder.TARGET;
        private EnergyMeasure energyMeasure = EnergyMeasure.STANDARDISED;
        private final Map<String, String> streamsProperties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder applicationId(String v) { applicationId = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder processingGuarantee(String v) { processingGuarantee = v; return this; }
        public Builder zScoreWarmup(int v) { zScoreWarmup = v; return this; }
        public Builder anomalyThreshold(double v) { anomalyThreshold = v; return this; }
        public Builder statsHalfLife(double v) { statsHalfLife = v; return this; }
        public Builder modelId(String v) { modelId = v; return this; }
        public Builder closeTimeout(Duration v) { closeTimeout = v; return this; }
        public Builder batchMaxPairs(int v) { batchMaxPairs = v; return this; }
        public Builder batchLinger(Duration v) { batchLinger = v; return this; }
        /** Frames per stream whose encodings are kept for the stream's next pairs; 0 turns the cache off. */
        public Builder frameCacheFrames(int v) { frameCacheFrames = v; return this; }
        /** Whether latent states carry the newest frame's tokens; off by default. */
        public Builder emitTokens(boolean v) { emitTokens = v; return this; }
        /** The encoder of the predictor's context when scoring; {@link ContextEncoder#TARGET} by default. */
        public Builder contextEncoder(ContextEncoder v) { contextEncoder = v; return this; }
        /** How the energy is measured; {@link EnergyMeasure#STANDARDISED} by default. */
        public Builder energyMeasure(EnergyMeasure v) { energyMeasure = v; return this; }

        /**
         * Adds one Kafka Streams property. The keys this class owns are refused here, so a setting
         * cannot be given twice with two different values.
         */
        public Builder streamsProperty(String key, String value) {
            Objects.requireNonNull(key, "streams property key");
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("embedder setting " + key + " cannot be passed as an extra Streams"
                        + " property: use the builder's own setter for it");
            }
            streamsProperties.put(key, Objects.requireNonNull(value, () -> "value of streams property " + key));
            return this;
        }

        /** Validates every setting and builds the configuration. */
        public EmbedderConfig build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw invalid(BOOTSTRAP_SERVERS, bootstrapServers, "a non-empty host:port list");
            }
            if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
                throw invalid(APPLICATION_ID, applicationId, "non-empty letters, digits, '.', '_' or '-'");
            }
            if (stateDir == null) {
                throw invalid(STATE_DIR, null, "a directory path");
            }
            if (!GUARANTEES.contains(processingGuarantee)) {
                throw invalid(PROCESSING_GUARANTEE, processingGuarantee,
                        StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE);
            }
            if (zScoreWarmup < 0) {
                throw invalid(ZSCORE_WARMUP, zScoreWarmup, "an integer >= 0");
            }
            if (!(anomalyThreshold > 0) || Double.isInfinite(anomalyThreshold)) {
                throw invalid(ANOMALY_THRESHOLD, anomalyThreshold, "a finite number > 0");
            }
            if (!(statsHalfLife >= 1) || Double.isInfinite(statsHalfLife)) {
                throw invalid(STATS_HALF_LIFE, statsHalfLife, "a finite number of pairs >= 1");
            }
            if (modelId == null) {
                throw invalid(MODEL_ID, null, "a model id, or empty for any");
            }
            if (closeTimeout == null || closeTimeout.isNegative() || closeTimeout.isZero()) {
                throw invalid(CLOSE_TIMEOUT_MS, closeTimeout == null ? null : closeTimeout.toMillis(),
                        "a positive number of milliseconds");
            }
            if (batchMaxPairs < 1 || batchMaxPairs > MAX_BATCH_PAIRS) {
                throw invalid(BATCH_MAX_PAIRS, batchMaxPairs, "an integer from 1 to " + MAX_BATCH_PAIRS);
            }
            if (batchLinger == null || batchLinger.isNegative() || batchLinger.toMillis() > MAX_LINGER_MS) {
                throw invalid(BATCH_LINGER_MS, batchLinger == null ? null : batchLinger.toMillis(),
                        "a number of milliseconds from 0 to " + MAX_LINGER_MS);
            }
            if (frameCacheFrames < 0 || frameCacheFrames > MAX_FRAME_CACHE_FRAMES) {
                throw invalid(FRAME_CACHE_FRAMES, frameCacheFrames, "an integer from 0 (off) to " + MAX_FRAME_CACHE_FRAMES);
            }
            if (contextEncoder == null) {
                throw invalid(CONTEXT_ENCODER, null, "target or as_trained");
            }
            if (energyMeasure == null) {
                throw invalid(ENERGY_MEASURE, null, "standardised or training_distance");
            }
            StreamsClientPolicy.check(streamsProperties, processingGuarantee);
            return new EmbedderConfig(this);
        }
    }
}
