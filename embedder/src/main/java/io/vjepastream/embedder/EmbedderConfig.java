package io.vjepastream.embedder;

import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import io.vjepastream.model.Scoring;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.config.SettingTable;
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
 * Settings of the embedder: where Kafka is, how Streams runs, how pairs are batched and scored, and how the
 * anomaly flag is derived from the energy. Immutable; build with {@link #builder(String)}. The embedder's own
 * settings are declared once in {@link #SETTINGS}, from which {@code vjepa embed}'s options derive; every
 * value is checked in {@link Builder#build()}, and a bad one raises an {@link IllegalArgumentException}
 * naming the setting, the value and what is allowed.
 */
public final class EmbedderConfig {
    /** The default application id. */
    public static final String DEFAULT_APPLICATION_ID = "vjepa-embedder";
    /**
     * Largest record the embedder writes: a frame pair (up to the 16 MiB the frame-pairs topic allows)
     * with its dead-letter headers or its pending-store framing.
     */
    static final int MAX_RECORD_BYTES = 17 * 1024 * 1024;

    public static final Setting<String> APPLICATION_ID = Setting.of("applicationId", String.class, v -> v,
            DEFAULT_APPLICATION_ID, v -> v.matches("[A-Za-z0-9._-]+"), "non-empty letters, digits, '.', '_' or '-'",
            "Kafka Streams application id; embedders with the same id share the streams, and it prefixes the"
                    + " changelog of the energy statistics.");
    public static final Setting<String> PROCESSING_GUARANTEE = Setting.of("processingGuarantee", String.class,
            v -> v, StreamsConfig.EXACTLY_ONCE_V2,
            Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE)::contains,
            StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE, "Kafka Streams processing guarantee.");
    public static final Setting<Integer> ZSCORE_WARMUP = Setting.nonNegativeInt("zScoreWarmup", 30,
            "Pairs a stream must have been scored on before its anomaly flag may be set.");
    public static final Setting<Double> ANOMALY_THRESHOLD = Setting.number("anomalyThreshold", 3.0, Double.MIN_VALUE,
            Double.POSITIVE_INFINITY, "a finite number > 0", "z-score of the energy at or above which a pair is anomalous.");
    public static final Setting<Double> STATS_HALF_LIFE = Setting.number("statsHalfLife", 200, 1,
            Double.POSITIVE_INFINITY, "a finite number of pairs >= 1",
            "Half-life, in pairs, of each stream's energy mean and spread; shorter forgets old scenes sooner.");
    public static final Setting<String> MODEL_ID = Setting.of("modelId", String.class, v -> v, "", v -> true,
            "a model id, or empty for any", "Serve only checkpoints of this model id; empty serves the newest of any.");
    public static final Setting<Duration> CLOSE_TIMEOUT = Setting.duration("closeTimeout", Duration.ofSeconds(30),
            Duration.ofMillis(1), Duration.ofHours(1), "Longest a graceful close may take.");
    /**
     * Past about 12 pairs the default model's cost per pair levels off; room for more lets a batch absorb a
     * burst instead of queueing it.
     */
    public static final Setting<Integer> BATCH_MAX_PAIRS = Setting.intRange("batchMaxPairs", 32, 1, 1024,
            "Most pairs scored in one model call, across streams.").option("--batch-max");
    public static final Setting<Duration> BATCH_LINGER = Setting.duration("batchLinger", Duration.ofMillis(5),
            Duration.ZERO, Duration.ofSeconds(10), "How long a pair may wait for others before its batch is scored;"
                    + " while pairs keep arriving, up to four times as long, so that the batch fills.");
    public static final Setting<Integer> FRAME_CACHE_FRAMES = Setting.intRange("frameCacheFrames", 8, 0, 256,
            "Frames per stream whose encodings are reused by the stream's next pairs (consecutive pairs share"
                    + " frames); 0 encodes every frame of every pair.").option("--frame-cache");
    public static final Setting<Boolean> EMIT_TOKENS = Setting.flag("emitTokens",
            "Put all the newest frame's tokens in each LatentState, not only their mean.");
    public static final Setting<ContextEncoder> CONTEXT_ENCODER = Setting.choice("contextEncoder", ContextEncoder.class,
            ContextEncoder.TARGET, ContextEncoder::fromKey, ContextEncoder::key,
            "Encoder of the predictor's context: target (each frame through one encoder, about a fifth cheaper)"
                    + " or as_trained (the encoder the predictor learned on).");
    public static final Setting<EnergyMeasure> ENERGY_MEASURE = Setting.choice("energyMeasure", EnergyMeasure.class,
            EnergyMeasure.STANDARDISED, EnergyMeasure::fromKey, EnergyMeasure::key,
            "How a pair's prediction error becomes its energy: standardised (each latent dimension's squared error"
                    + " in units of its spread over the pair's tokens) or training_distance (the training loss's distance).");

    /** How a recording is scored, shared by the embedder and {@code vjepa score} so that both score alike. */
    public static final SettingTable<Builder> SCORING = SettingTable.<Builder>of()
            .with(CONTEXT_ENCODER, Builder::contextEncoder).with(ENERGY_MEASURE, Builder::energyMeasure);

    /** Every setting of the embedder that a command or a settings map may set, with its builder method. */
    public static final SettingTable<Builder> SETTINGS = SettingTable.<Builder>of()
            .with(APPLICATION_ID, Builder::applicationId).with(PROCESSING_GUARANTEE, Builder::processingGuarantee)
            .with(BATCH_MAX_PAIRS, Builder::batchMaxPairs).with(BATCH_LINGER, Builder::batchLinger)
            .with(FRAME_CACHE_FRAMES, Builder::frameCacheFrames).with(EMIT_TOKENS, Builder::emitTokens)
            .with(CONTEXT_ENCODER, Builder::contextEncoder).with(ENERGY_MEASURE, Builder::energyMeasure)
            .with(ANOMALY_THRESHOLD, Builder::anomalyThreshold).with(ZSCORE_WARMUP, Builder::zScoreWarmup)
            .with(STATS_HALF_LIFE, Builder::statsHalfLife).with(MODEL_ID, Builder::modelId)
            .with(CLOSE_TIMEOUT, Builder::closeTimeout);

    /** Streams settings the embedder sets itself, which an extra Streams property may not override. */
    private static final Set<String> OWN_STREAMS_KEYS = Set.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.STATE_DIR_CONFIG,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG);

    private final String bootstrapServers;
    private final Path stateDir;
    private final String applicationId;
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
        if (b.bootstrapServers == null || b.bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers=" + b.bootstrapServers
                    + " must be a non-empty host:port list");
        }
        this.bootstrapServers = b.bootstrapServers;
        this.stateDir = Objects.requireNonNull(b.stateDir, "stateDir must be a directory path");
        this.applicationId = APPLICATION_ID.check(b.applicationId);
        this.processingGuarantee = PROCESSING_GUARANTEE.check(b.processingGuarantee);
        this.zScoreWarmup = ZSCORE_WARMUP.check(b.zScoreWarmup);
        this.anomalyThreshold = ANOMALY_THRESHOLD.check(b.anomalyThreshold);
        this.statsHalfLife = STATS_HALF_LIFE.check(b.statsHalfLife);
        this.modelId = MODEL_ID.check(b.modelId);
        this.closeTimeout = CLOSE_TIMEOUT.check(b.closeTimeout);
        this.batchMaxPairs = BATCH_MAX_PAIRS.check(b.batchMaxPairs);
        this.batchLinger = BATCH_LINGER.check(b.batchLinger);
        this.frameCacheFrames = FRAME_CACHE_FRAMES.check(b.frameCacheFrames);
        this.emitTokens = EMIT_TOKENS.check(b.emitTokens);
        this.contextEncoder = CONTEXT_ENCODER.check(b.contextEncoder);
        this.energyMeasure = ENERGY_MEASURE.check(b.energyMeasure);
        StreamsClientPolicy.check(b.streamsProperties, processingGuarantee);
        this.streamsProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.streamsProperties));
    }

    /** A builder with the defaults, for a cluster at {@code bootstrapServers}. */
    public static Builder builder(String bootstrapServers) {
        return new Builder().bootstrapServers(bootstrapServers);
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
    /** How pairs are scored: the context encoder, the energy measure, and tokens only when they are emitted. */
    public Scoring scoring() { return new Scoring(contextEncoder, energyMeasure, emitTokens); }
    /** The extra Kafka Streams properties, as given. */
    public Map<String, String> streamsProperties() { return streamsProperties; }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = builder(bootstrapServers).stateDir(stateDir).applicationId(applicationId)
                .processingGuarantee(processingGuarantee).zScoreWarmup(zScoreWarmup).anomalyThreshold(anomalyThreshold)
                .statsHalfLife(statsHalfLife).modelId(modelId).closeTimeout(closeTimeout).batchMaxPairs(batchMaxPairs)
                .batchLinger(batchLinger).frameCacheFrames(frameCacheFrames).emitTokens(emitTokens)
                .contextEncoder(contextEncoder).energyMeasure(energyMeasure);
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
        return "EmbedderConfig{bootstrapServers=" + bootstrapServers + ", stateDir=" + stateDir
                + ", applicationId=" + applicationId + ", processingGuarantee=" + processingGuarantee
                + ", batchMaxPairs=" + batchMaxPairs + ", batchLinger=" + BATCH_LINGER.format(batchLinger)
                + ", frameCacheFrames=" + frameCacheFrames + ", emitTokens=" + emitTokens
                + ", contextEncoder=" + contextEncoder.key() + ", energyMeasure=" + energyMeasure.key()
                + ", anomalyThreshold=" + anomalyThreshold + ", zScoreWarmup=" + zScoreWarmup
                + ", statsHalfLife=" + statsHalfLife + ", modelId=" + modelId
                + ", closeTimeout=" + CLOSE_TIMEOUT.format(closeTimeout) + ", extra=" + streamsProperties.keySet() + "}";
    }

    /** Collects settings; {@link #build()} validates them all. */
    public static final class Builder {
        private String bootstrapServers;
        private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_APPLICATION_ID);
        private String applicationId = APPLICATION_ID.defaultValue();
        private String processingGuarantee = PROCESSING_GUARANTEE.defaultValue();
        private int zScoreWarmup = ZSCORE_WARMUP.defaultValue();
        private double anomalyThreshold = ANOMALY_THRESHOLD.defaultValue();
        private double statsHalfLife = STATS_HALF_LIFE.defaultValue();
        private String modelId = MODEL_ID.defaultValue();
        private Duration closeTimeout = CLOSE_TIMEOUT.defaultValue();
        private int batchMaxPairs = BATCH_MAX_PAIRS.defaultValue();
        private Duration batchLinger = BATCH_LINGER.defaultValue();
        private int frameCacheFrames = FRAME_CACHE_FRAMES.defaultValue();
        private boolean emitTokens = EMIT_TOKENS.defaultValue();
        private ContextEncoder contextEncoder = CONTEXT_ENCODER.defaultValue();
        private EnergyMeasure energyMeasure = ENERGY_MEASURE.defaultValue();
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
        public Builder frameCacheFrames(int v) { frameCacheFrames = v; return this; }
        public Builder emitTokens(boolean v) { emitTokens = v; return this; }
        public Builder contextEncoder(ContextEncoder v) { contextEncoder = v; return this; }
        public Builder energyMeasure(EnergyMeasure v) { energyMeasure = v; return this; }

        /**
         * Adds one Kafka Streams property. The Streams settings the embedder sets itself are refused here, so
         * a setting cannot be given twice with two different values.
         */
        public Builder streamsProperty(String key, String value) {
            Objects.requireNonNull(key, "streams property key");
            if (OWN_STREAMS_KEYS.contains(key)) {
                throw new IllegalArgumentException("Streams setting " + key + " cannot be passed as an extra Streams"
                        + " property: use the builder's own setter for it");
            }
            streamsProperties.put(key, Objects.requireNonNull(value, () -> "value of streams property " + key));
            return this;
        }

        /**
         * Settings given as text by name: those of {@link #SETTINGS} (by their camelCase names, such as
         * {@code frameCacheFrames}) are parsed into this builder, every other one is a Kafka Streams property.
         *
         * @throws IllegalArgumentException naming the setting and value that is invalid
         */
        public Builder settings(Map<String, String> valuesByName) {
            SETTINGS.applyKnown(this, valuesByName).forEach(this::streamsProperty);
            return this;
        }

        /** Validates every setting and builds the configuration. */
        public EmbedderConfig build() {
            return new EmbedderConfig(this);
        }
    }
}
