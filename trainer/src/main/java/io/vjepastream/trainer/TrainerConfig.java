package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the trainer service needs, validated when built. Defaults suit one laptop-class machine.
 */
public final class TrainerConfig {
    private final String bootstrapServers;
    private final String groupId;
    private final String modelId;
    private final Path checkpointDir;
    private final JepaConfig model;
    private final int batchSize;
    private final int replayCapacity;
    private final int checkpointEverySteps;
    private final Duration checkpointEvery;
    private final int keepCheckpoints;
    private final long maxSteps;
    private final int collapseEverySteps;
    private final int nonFiniteLimit;
    private final double validationFraction;
    private final int validationCapacity;
    private final int earlyStoppingPatience;
    private final double earlyStoppingMinDelta;
    private final Map<String, Object> kafkaProperties;
    private final Clock clock;

    private TrainerConfig(Builder b) {
        this.bootstrapServers = require("bootstrapServers", b.bootstrapServers);
        this.groupId = require("groupId", b.groupId);
        this.modelId = require("modelId", b.modelId);
        this.checkpointDir = Objects.requireNonNull(b.checkpointDir, "checkpointDir must be set");
        this.model = Objects.requireNonNull(b.model, "model must be set");
        this.batchSize = positive("batchSize", b.batchSize);
        this.replayCapacity = positive("replayCapacity", b.replayCapacity);
        if (replayCapacity < batchSize) {
            throw new IllegalArgumentException("replayCapacity=" + replayCapacity
                    + " must be at least batchSize=" + batchSize);
        }
        this.checkpointEverySteps = positive("checkpointEverySteps", b.checkpointEverySteps);
        if (b.checkpointEvery.isNegative() || b.checkpointEvery.isZero()) {
            throw new IllegalArgumentException("checkpointEvery=" + b.checkpointEvery + " must be a positive duration");
        }
        this.checkpointEvery = b.checkpointEvery;
        this.keepCheckpoints = positive("keepCheckpoints", b.keepCheckpoints);
        if (b.maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps=" + b.maxSteps + " must be 0 (no limit) or positive");
        }
        this.maxSteps = b.maxSteps;
        this.collapseEverySteps = positive("collapseEverySteps", b.collapseEverySteps);
        this.nonFiniteLimit = positive("nonFiniteLimit", b.nonFiniteLimit);
        if (!(b.validationFraction >= 0 && b.validationFraction < 0.5)) {
            throw new IllegalArgumentException("validationFraction=" + b.validationFraction
                    + " must be at least 0 (off) and below 0.5");
        }
        this.validationFraction = b.validationFraction;
        this.validationCapacity = positive("validationCapacity", b.validationCapacity);
        this.earlyStoppingPatience = positive("earlyStoppingPatience", b.earlyStoppingPatience);
        if (!(b.earlyStoppingMinDelta >= 0)) {
            throw new IllegalArgumentException("earlyStoppingMinDelta=" + b.earlyStoppingMinDelta
                    + " must be 0 or positive");
        }
        this.earlyStoppingMinDelta = b.earlyStoppingMinDelta;
        TrainerClients.check(b.kafkaProperties);
        this.kafkaProperties = Map.copyOf(b.kafkaProperties);
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    private static String require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be set");
        }
        return value;
    }

    private static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + "=" + value + " must be a positive integer");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Consumer group of the trainer; its committed offsets follow the checkpoints. */
    public String groupId() {
        return groupId;
    }

    /** Name of the model line this trainer extends; the key of its checkpoint events. */
    public String modelId() {
        return modelId;
    }

    public Path checkpointDir() {
        return checkpointDir;
    }

    public JepaConfig model() {
        return model;
    }

    public int batchSize() {
        return batchSize;
    }

    /** How many recent pairs the replay buffer keeps to draw batches from. */
    public int replayCapacity() {
        return replayCapacity;
    }

    public int checkpointEverySteps() {
        return checkpointEverySteps;
    }

    /** A checkpoint is also written when this much time has passed since the last one. */
    public Duration checkpointEvery() {
        return checkpointEvery;
    }

    /** How many complete checkpoints stay on disk; older ones are deleted. */
    public int keepCheckpoints() {
        return keepCheckpoints;
    }

    /** Stop after this many steps; 0 trains until closed. */
    public long maxSteps() {
        return maxSteps;
    }

    /** Steps between collapse measurements of the embeddings. */
    public int collapseEverySteps() {
        return collapseEverySteps;
    }

    /** Non-finite losses in a row after which the trainer reloads its last checkpoint at half the learning rate. */
    public int nonFiniteLimit() {
        return nonFiniteLimit;
    }

    /** Share of records held out for validation and early stopping (finite sources); 0 turns both off. */
    public double validationFraction() {
        return validationFraction;
    }

    /** Most held-out pairs kept. */
    public int validationCapacity() {
        return validationCapacity;
    }

    /** Validations without improvement before training stops. */
    public int earlyStoppingPatience() {
        return earlyStoppingPatience;
    }

    /** How much the validation loss must fall to count as an improvement. */
    public double earlyStoppingMinDelta() {
        return earlyStoppingMinDelta;
    }

    /**
     * Extra Kafka client properties (security, timeouts) for every client of the trainer; they may
     * change its tuning defaults but not the settings it controls (group, offsets, serializers,
     * idempotence), which are refused when the config is built.
     */
    public Map<String, Object> kafkaProperties() {
        return kafkaProperties;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Pairs per training step unless set otherwise. Measured with {@code vjepa bench train} and {@code vjepa
     * eval} on 2 cores: 32 pairs a step reach a higher share of the machine's matmul rate than 16 (fewer,
     * larger native calls per pair) and learn as much in the same time.
     */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Training steps between checkpoints, unless a time limit comes first. */
    public static final int DEFAULT_CHECKPOINT_EVERY_STEPS = 50;

    /** Builder with defaults; call {@link #build()} to validate. */
    public static final class Builder {
        private String bootstrapServers = "127.0.0.1:9092";
        private String groupId = "vjepa-trainer";
        private String modelId = "tiny";
        private Path checkpointDir = Path.of("checkpoints");
        private JepaConfig model = JepaConfig.defaults();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int replayCapacity = 1024;
        private int checkpointEverySteps = DEFAULT_CHECKPOINT_EVERY_STEPS;
        private Duration checkpointEvery = Duration.ofMinutes(5);
        private int keepCheckpoints = 3;
        private long maxSteps;
        private int collapseEverySteps = 50;
        private int nonFiniteLimit = 3;
        private double validationFraction = 0;
        private int validationCapacity = 256;
        private int earlyStoppingPatience = 5;
        private double earlyStoppingMinDelta = 0;
        private final Map<String, Object> kafkaProperties = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder groupId(String v) { groupId = v; return this; }
        public Builder modelId(String v) { modelId = v; return this; }
        public Builder checkpointDir(Path v) { checkpointDir = v; return this; }
        public Builder model(JepaConfig v) { model = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder replayCapacity(int v) { replayCapacity = v; return this; }
        public Builder checkpointEverySteps(int v) { checkpointEverySteps = v; return this; }
        public Builder checkpointEvery(Duration v) { checkpointEvery = Objects.requireNonNull(v, "checkpointEvery"); return this; }
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }
        public Builder maxSteps(long v) { maxSteps = v; return this; }
        public Builder collapseEverySteps(int v) { collapseEverySteps = v; return this; }
        public Builder nonFiniteLimit(int v) { nonFiniteLimit = v; return this; }
        public Builder validationFraction(double v) { validationFraction = v; return this; }
        public Builder validationCapacity(int v) { validationCapacity = v; return this; }
        public Builder earlyStoppingPatience(int v) { earlyStoppingPatience = v; return this; }
        public Builder earlyStoppingMinDelta(double v) { earlyStoppingMinDelta = v; return this; }

        public Builder kafkaProperty(String key, Object value) {
            this.kafkaProperties.put(Objects.requireNonNull(key, "Kafka property key"),
                    Objects.requireNonNull(value, () -> "value of Kafka property " + key));
            return this;
        }

        /** Several Kafka client properties, as {@link #kafkaProperty(String, Object)}. */
        public Builder kafkaProperties(Map<String, ?> values) {
            values.forEach(this::kafkaProperty);
            return this;
        }

        public Builder clock(Clock v) { clock = v; return this; }

        public TrainerConfig build() {
            return new TrainerConfig(this);
        }
    }
}
