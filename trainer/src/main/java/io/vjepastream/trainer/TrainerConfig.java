package io.vjepastream.trainer;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.config.SettingTable;
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
    /**
     * Pairs per training step unless set otherwise. Measured with {@code vjepa bench train} and {@code vjepa
     * eval} on 2 cores: 32 pairs a step reach a higher share of the machine's matmul rate than 16 (fewer,
     * larger native calls per pair) and learn as much in the same time.
     */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Training steps between checkpoints, unless a time limit comes first. */
    public static final int DEFAULT_CHECKPOINT_EVERY_STEPS = 50;

    public static final Setting<Integer> BATCH_SIZE = Setting.positiveInt("batchSize", DEFAULT_BATCH_SIZE,
            "Pairs per training step.");
    public static final Setting<Integer> REPLAY_CAPACITY = Setting.positiveInt("replayCapacity", 1024,
            "Recent pairs the replay buffer keeps to draw batches from; at least the batch size.");
    public static final Setting<Integer> CHECKPOINT_EVERY_STEPS = Setting.positiveInt("checkpointEverySteps",
            DEFAULT_CHECKPOINT_EVERY_STEPS, "Steps between checkpoints.").option("--checkpoint-every");
    public static final Setting<Integer> KEEP_CHECKPOINTS = Setting.positiveInt("keepCheckpoints", 3,
            "Complete checkpoints kept on disk; older ones are deleted.");
    public static final Setting<Long> MAX_STEPS = Setting.limit("maxSteps", 0,
            "Stop after this many steps; 0 trains until stopped.");
    public static final Setting<Integer> COLLAPSE_EVERY_STEPS = Setting.positiveInt("collapseEverySteps", 50,
            "Steps between collapse measurements of the embeddings.");
    public static final Setting<Integer> NON_FINITE_LIMIT = Setting.positiveInt("nonFiniteLimit", 3,
            "Non-finite losses in a row after which the last checkpoint is reloaded at half the learning rate.");
    public static final Setting<Double> VALIDATION_FRACTION = Setting.number("validationFraction", 0, 0, 0.5,
            "at least 0 (off) and below 0.5", "Hold out this share of the pairs to validate each checkpoint and stop"
                    + " early when the held-out loss stops improving (for finite sources); 0 turns it off.");
    public static final Setting<Integer> VALIDATION_CAPACITY = Setting.positiveInt("validationCapacity", 256,
            "Most held-out pairs kept.");
    public static final Setting<Integer> EARLY_STOPPING_PATIENCE = Setting.positiveInt("earlyStoppingPatience", 5,
            "Validations without improvement before stopping.").option("--patience");
    public static final Setting<Double> EARLY_STOPPING_MIN_DELTA = Setting.number("earlyStoppingMinDelta", 0, 0,
            Double.POSITIVE_INFINITY, "0 or positive", "Smallest fall of the held-out loss that counts as improvement.")
            .option("--min-delta");

    /** Every setting of the trainer that a command or a properties file may set, with its builder method. */
    public static final SettingTable<Builder> SETTINGS = SettingTable.<Builder>of()
            .with(BATCH_SIZE, Builder::batchSize).with(REPLAY_CAPACITY, Builder::replayCapacity)
            .with(CHECKPOINT_EVERY_STEPS, Builder::checkpointEverySteps).with(KEEP_CHECKPOINTS, Builder::keepCheckpoints)
            .with(MAX_STEPS, Builder::maxSteps).with(COLLAPSE_EVERY_STEPS, Builder::collapseEverySteps)
            .with(NON_FINITE_LIMIT, Builder::nonFiniteLimit).with(VALIDATION_FRACTION, Builder::validationFraction)
            .with(VALIDATION_CAPACITY, Builder::validationCapacity)
            .with(EARLY_STOPPING_PATIENCE, Builder::earlyStoppingPatience)
            .with(EARLY_STOPPING_MIN_DELTA, Builder::earlyStoppingMinDelta);

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
        this.batchSize = BATCH_SIZE.check(b.batchSize);
        this.replayCapacity = REPLAY_CAPACITY.check(b.replayCapacity);
        if (replayCapacity < batchSize) {
            throw new IllegalArgumentException("replayCapacity=" + replayCapacity
                    + " must be at least batchSize=" + batchSize);
        }
        this.checkpointEverySteps = CHECKPOINT_EVERY_STEPS.check(b.checkpointEverySteps);
        if (b.checkpointEvery.isNegative() || b.checkpointEvery.isZero()) {
            throw new IllegalArgumentException("checkpointEvery=" + b.checkpointEvery + " must be a positive duration");
        }
        this.checkpointEvery = b.checkpointEvery;
        this.keepCheckpoints = KEEP_CHECKPOINTS.check(b.keepCheckpoints);
        this.maxSteps = MAX_STEPS.check(b.maxSteps);
        this.collapseEverySteps = COLLAPSE_EVERY_STEPS.check(b.collapseEverySteps);
        this.nonFiniteLimit = NON_FINITE_LIMIT.check(b.nonFiniteLimit);
        this.validationFraction = VALIDATION_FRACTION.check(b.validationFraction);
        this.validationCapacity = VALIDATION_CAPACITY.check(b.validationCapacity);
        this.earlyStoppingPatience = EARLY_STOPPING_PATIENCE.check(b.earlyStoppingPatience);
        this.earlyStoppingMinDelta = EARLY_STOPPING_MIN_DELTA.check(b.earlyStoppingMinDelta);
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

    /** Builder with defaults; call {@link #build()} to validate. */
    public static final class Builder {
        private String bootstrapServers = "127.0.0.1:9092";
        private String groupId = "vjepa-trainer";
        private String modelId = "tiny";
        private Path checkpointDir = Path.of("checkpoints");
        private JepaConfig model = JepaConfig.defaults();
        private int batchSize = BATCH_SIZE.defaultValue();
        private int replayCapacity = REPLAY_CAPACITY.defaultValue();
        private int checkpointEverySteps = CHECKPOINT_EVERY_STEPS.defaultValue();
        private Duration checkpointEvery = Duration.ofMinutes(5);
        private int keepCheckpoints = KEEP_CHECKPOINTS.defaultValue();
        private long maxSteps = MAX_STEPS.defaultValue();
        private int collapseEverySteps = COLLAPSE_EVERY_STEPS.defaultValue();
        private int nonFiniteLimit = NON_FINITE_LIMIT.defaultValue();
        private double validationFraction = VALIDATION_FRACTION.defaultValue();
        private int validationCapacity = VALIDATION_CAPACITY.defaultValue();
        private int earlyStoppingPatience = EARLY_STOPPING_PATIENCE.defaultValue();
        private double earlyStoppingMinDelta = EARLY_STOPPING_MIN_DELTA.defaultValue();
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
