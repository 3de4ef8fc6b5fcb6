package io.vjepastream.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The shape and training settings of a JEPA model: frame size, ViT encoder, predictor, AdamW, EMA.
 *
 * <p>Immutable; build one with {@link #builder()} (defaults are the design's "tiny" CPU model: 64 x 64
 * RGB frames, patch 8, encoder 192 wide and 6 deep, predictor 96 wide and 4 deep). A checkpoint keeps
 * its config as the string map of {@link #toProperties()}.
 */
public final class JepaConfig {
    /** Colour channels of every frame (packed RGB24). */
    public static final int CHANNELS = 3;

    private static final Set<String> KEYS = Set.of(
            "imageSize", "patchSize", "encoderWidth", "encoderDepth", "encoderHeads", "mlpRatio",
            "predictorWidth", "predictorDepth", "predictorHeads", "contextFrames", "targetFrames",
            "learningRate", "weightDecay", "emaMomentum", "warmupSteps", "gradientClip", "seed");

    private final int imageSize;
    private final int patchSize;
    private final int encoderWidth;
    private final int encoderDepth;
    private final int encoderHeads;
    private final int mlpRatio;
    private final int predictorWidth;
    private final int predictorDepth;
    private final int predictorHeads;
    private final int contextFrames;
    private final int targetFrames;
    private final float learningRate;
    private final float weightDecay;
    private final float emaMomentum;
    private final int warmupSteps;
    private final float gradientClip;
    private final long seed;

    private JepaConfig(Builder b) {
        imageSize = b.imageSize;
        patchSize = b.patchSize;
        encoderWidth = b.encoderWidth;
        encoderDepth = b.encoderDepth;
        encoderHeads = b.encoderHeads;
        mlpRatio = b.mlpRatio;
        predictorWidth = b.predictorWidth;
        predictorDepth = b.predictorDepth;
        predictorHeads = b.predictorHeads;
        contextFrames = b.contextFrames;
        targetFrames = b.targetFrames;
        learningRate = b.learningRate;
        weightDecay = b.weightDecay;
        emaMomentum = b.emaMomentum;
        warmupSteps = b.warmupSteps;
        gradientClip = b.gradientClip;
        seed = b.seed;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default "tiny" CPU configuration */
    public static JepaConfig defaults() {
        return builder().build();
    }

    /** @return a builder preset with this configuration's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.imageSize = imageSize;
        b.patchSize = patchSize;
        b.encoderWidth = encoderWidth;
        b.encoderDepth = encoderDepth;
        b.encoderHeads = encoderHeads;
        b.mlpRatio = mlpRatio;
        b.predictorWidth = predictorWidth;
        b.predictorDepth = predictorDepth;
        b.predictorHeads = predictorHeads;
        b.contextFrames = contextFrames;
        b.targetFrames = targetFrames;
        b.learningRate = learningRate;
        b.weightDecay = weightDecay;
        b.emaMomentum = emaMomentum;
        b.warmupSteps = warmupSteps;
        b.gradientClip = gradientClip;
        b.seed = seed;
        return b;
    }

    public int imageSize() { return imageSize; }
    public int channels() { return CHANNELS; }
    public int patchSize() { return patchSize; }
    /** @return patches per side of a frame */
    public int gridSize() { return imageSize / patchSize; }
    public int tokensPerFrame() { return gridSize() * gridSize(); }
    /** @return bytes of one packed RGB24 frame */
    public int frameBytes() { return imageSize * imageSize * CHANNELS; }
    public int encoderWidth() { return encoderWidth; }
    public int encoderDepth() { return encoderDepth; }
    public int encoderHeads() { return encoderHeads; }
    public int mlpRatio() { return mlpRatio; }
    public int predictorWidth() { return predictorWidth; }
    public int predictorDepth() { return predictorDepth; }
    public int predictorHeads() { return predictorHeads; }
    public int contextFrames() { return contextFrames; }
    public int targetFrames() { return targetFrames; }
    public float learningRate() { return learningRate; }
    public float weightDecay() { return weightDecay; }
    public float emaMomentum() { return emaMomentum; }
    public int warmupSteps() { return warmupSteps; }
    public float gradientClip() { return gradientClip; }
    public long seed() { return seed; }

    /** @return every field as a string map, read back by {@link #fromProperties(Map)} */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("imageSize", Integer.toString(imageSize));
        p.put("patchSize", Integer.toString(patchSize));
        p.put("encoderWidth", Integer.toString(encoderWidth));
        p.put("encoderDepth", Integer.toString(encoderDepth));
        p.put("encoderHeads", Integer.toString(encoderHeads));
        p.put("mlpRatio", Integer.toString(mlpRatio));
        p.put("predictorWidth", Integer.toString(predictorWidth));
        p.put("predictorDepth", Integer.toString(predictorDepth));
        p.put("predictorHeads", Integer.toString(predictorHeads));
        p.put("contextFrames", Integer.toString(contextFrames));
        p.put("targetFrames", Integer.toString(targetFrames));
        p.put("learningRate", Float.toString(learningRate));
        p.put("weightDecay", Float.toString(weightDecay));
        p.put("emaMomentum", Float.toString(emaMomentum));
        p.put("warmupSteps", Integer.toString(warmupSteps));
        p.put("gradientClip", Float.toString(gradientClip));
        p.put("seed", Long.toString(seed));
        return p;
    }

    /**
     * Reads a configuration written by {@link #toProperties()}; absent keys keep their defaults.
     *
     * @param properties key to value, as strings
     * @return the validated configuration
     * @throws IllegalArgumentException for an unknown key, a value that is not a number, or an
     *     invalid combination; the message names the key and the value
     */
    public static JepaConfig fromProperties(Map<String, String> properties) {
        Builder b = builder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown model config key '" + key + "'; allowed keys: " + new java.util.TreeSet<>(KEYS));
            }
            String value = Objects.requireNonNull(e.getValue(), () -> "model config key '" + key + "' has no value").trim();
            try {
                switch (key) {
                    case "imageSize" -> b.imageSize(Integer.parseInt(value));
                    case "patchSize" -> b.patchSize(Integer.parseInt(value));
                    case "encoderWidth" -> b.encoderWidth(Integer.parseInt(value));
                    case "encoderDepth" -> b.encoderDepth(Integer.parseInt(value));
                    case "encoderHeads" -> b.encoderHeads(Integer.parseInt(value));
                    case "mlpRatio" -> b.mlpRatio(Integer.parseInt(value));
                    case "predictorWidth" -> b.predictorWidth(Integer.parseInt(value));
                    case "predictorDepth" -> b.predictorDepth(Integer.parseInt(value));
                    case "predictorHeads" -> b.predictorHeads(Integer.parseInt(value));
                    case "contextFrames" -> b.contextFrames(Integer.parseInt(value));
                    case "targetFrames" -> b.targetFrames(Integer.parseInt(value));
                    case "learningRate" -> b.learningRate(Float.parseFloat(value));
                    case "weightDecay" -> b.weightDecay(Float.parseFloat(value));
                    case "emaMomentum" -> b.emaMomentum(Float.parseFloat(value));
                    case "warmupSteps" -> b.warmupSteps(Integer.parseInt(value));
                    case "gradientClip" -> b.gradientClip(Float.parseFloat(value));
                    case "seed" -> b.seed(Long.parseLong(value));
                    default -> throw new IllegalStateException("unhandled key " + key);
                }
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "model config key '" + key + "' has value '" + value + "', which is not a number", ex);
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JepaConfig other && toProperties().equals(other.toProperties());
    }

    @Override
    public int hashCode() {
        return toProperties().hashCode();
    }

    @Override
    public String toString() {
        return "JepaConfig" + toProperties();
    }

    /** Collects the settings of a {@link JepaConfig}; starts from the tiny CPU defaults. */
    public static final class Builder {
        private int imageSize = 64;
        private int patchSize = 8;
        private int encoderWidth = 192;
        private int encoderDepth = 6;
        private int encoderHeads = 3;
        private int mlpRatio = 4;
        private int predictorWidth = 96;
        private int predictorDepth = 4;
        private int predictorHeads = 4;
        private int contextFrames = 2;
        private int targetFrames = 1;
        private float learningRate = 1e-3f;
        private float weightDecay = 0.04f;
        private float emaMomentum = 0.996f;
        private int warmupSteps = 10;
        private float gradientClip = 10f;
        private long seed = 42;

        private Builder() {
        }

        public Builder imageSize(int v) { imageSize = v; return this; }
        public Builder patchSize(int v) { patchSize = v; return this; }
        public Builder encoderWidth(int v) { encoderWidth = v; return this; }
        public Builder encoderDepth(int v) { encoderDepth = v; return this; }
        public Builder encoderHeads(int v) { encoderHeads = v; return this; }
        public Builder mlpRatio(int v) { mlpRatio = v; return this; }
        public Builder predictorWidth(int v) { predictorWidth = v; return this; }
        public Builder predictorDepth(int v) { predictorDepth = v; return this; }
        public Builder predictorHeads(int v) { predictorHeads = v; return this; }
        public Builder contextFrames(int v) { contextFrames = v; return this; }
        public Builder targetFrames(int v) { targetFrames = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder weightDecay(float v) { weightDecay = v; return this; }
        public Builder emaMomentum(float v) { emaMomentum = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder gradientClip(float v) { gradientClip = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the key, its value and what is allowed
         */
        public JepaConfig build() {
            atLeast("imageSize", imageSize, 1);
            atLeast("patchSize", patchSize, 1);
            if (imageSize % patchSize != 0) {
                throw new IllegalArgumentException(
                        "imageSize=" + imageSize + " must be divisible by patchSize=" + patchSize);
            }
            atLeast("encoderDepth", encoderDepth, 1);
            atLeast("encoderHeads", encoderHeads, 1);
            atLeast("mlpRatio", mlpRatio, 1);
            atLeast("predictorDepth", predictorDepth, 1);
            atLeast("predictorHeads", predictorHeads, 1);
            atLeast("contextFrames", contextFrames, 1);
            atLeast("targetFrames", targetFrames, 1);
            atLeast("warmupSteps", warmupSteps, 0);
            width("encoderWidth", encoderWidth, "encoderHeads", encoderHeads);
            width("predictorWidth", predictorWidth, "predictorHeads", predictorHeads);
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate=" + learningRate + " must be a finite number > 0");
            }
            if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay=" + weightDecay + " must be a finite number >= 0");
            }
            if (!(emaMomentum >= 0 && emaMomentum <= 1)) {
                throw new IllegalArgumentException("emaMomentum=" + emaMomentum + " must be in [0, 1]");
            }
            if (!(gradientClip > 0) || Float.isInfinite(gradientClip)) {
                throw new IllegalArgumentException("gradientClip=" + gradientClip + " must be a finite number > 0");
            }
            return new JepaConfig(this);
        }

        private static void atLeast(String key, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(key + "=" + value + " must be >= " + min);
            }
        }

        // Sin-cos position codes split a token's width in four (sin/cos of row and column).
        private static void width(String key, int value, String headsKey, int heads) {
            if (value < 4 || value % 4 != 0) {
                throw new IllegalArgumentException(key + "=" + value + " must be a positive multiple of 4");
            }
            if (value % heads != 0) {
                throw new IllegalArgumentException(
                        key + "=" + value + " must be divisible by " + headsKey + "=" + heads);
            }
        }
    }
}
