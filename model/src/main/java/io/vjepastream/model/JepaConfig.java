package io.vjepastream.model;

import java.util.List;
import java.util.Map;

/**
 * The shape and training settings of a JEPA model: frame size, encoder, predictor, objective, AdamW,
 * schedules and EMA.
 *
 * <p>Immutable; build one with {@link #builder()} (defaults are the design's "tiny" CPU model: 64 x 64
 * RGB frames, patch 8, ViT encoder 192 wide and 6 deep, predictor 96 wide and 4 deep, 2 context frames,
 * L1 loss on layer-normed targets from an EMA target encoder in {@code vjepa2} mode). A checkpoint keeps
 * its config as the string map of {@link #toProperties()}; {@link ModelConfigLoader} reads the same
 * settings from YAML ({@code default-model.yaml} documents every key), environment and flags.
 */
public final class JepaConfig {
    /** Colour channels of every frame (packed RGB24). */
    public static final int CHANNELS = 3;

    private final Builder v;

    private JepaConfig(Builder b) {
        v = b.copy();
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
        return v.copy();
    }

    public int imageSize() { return v.imageSize; }
    public int channels() { return CHANNELS; }
    public int patchSize() { return v.patchSize; }
    /** @return patches per side of a frame: the spatial grid of masks and patch energies */
    public int gridSize() { return v.imageSize / v.patchSize; }
    /** @return tokens the encoder makes of one frame: grid * grid, or 1 for the MLP encoder */
    public int tokensPerFrame() { return v.encoderType == EncoderType.MLP ? 1 : gridSize() * gridSize(); }
    /** @return bytes of one packed RGB24 frame */
    public int frameBytes() { return v.imageSize * v.imageSize * CHANNELS; }
    public EncoderType encoderType() { return v.encoderType; }
    /** @return the token width of the encoder ({@code latent_dim}) */
    public int encoderWidth() { return v.encoderWidth; }
    public int encoderDepth() { return v.encoderDepth; }
    public int encoderHeads() { return v.encoderHeads; }
    public int mlpRatio() { return v.mlpRatio; }
    public int predictorWidth() { return v.predictorWidth; }
    public int predictorDepth() { return v.predictorDepth; }
    public int predictorHeads() { return v.predictorHeads; }
    public float predictorDropout() { return v.predictorDropout; }
    /**
     * @return whether the predictor predicts the change from the newest context frame: each target
     *     token starts from the layer-normed context token at the same place of the newest context
     *     frame (where the mask shows it), and the predictor's output is added to it
     */
    public boolean predictorResidual() { return v.predictorResidual; }
    /**
     * @return whether each predicted token's query starts from the newest context frame's token at
     *     the same place (where the mask shows it), besides the mask token and the position codes
     */
    public boolean predictorContextQueries() { return v.predictorContextQueries; }
    /** @return the predictor architecture */
    public PredictorType predictorType() { return v.predictorType; }
    /** @return how many token places the transport predictor looks each way, for motion and for sources */
    public int transportRadius() { return v.transportRadius; }
    public int contextFrames() { return v.contextFrames; }
    public int targetFrames() { return v.targetFrames; }
    /** @return length of a pair's action vector; 0 = no action conditioning */
    public int actionDim() { return v.actionDim; }
    public int actionEmbDim() { return v.actionEmbDim; }
    public TargetEncoderMode targetEncoderMode() { return v.targetEncoderMode; }
    public LossType loss() { return v.loss; }
    /**
     * @return how much more a target token's error weighs the more that token changes from the newest
     *     context frame ({@code change_weight}); 0 weighs every token alike
     */
    public float changeWeight() { return v.changeWeight; }
    public AuxLossType auxLoss() { return v.auxLoss; }
    public float auxWeight() { return v.auxWeight; }
    /** @return what one sample of the auxiliary loss's batch statistics is */
    public AuxViews auxViews() { return v.auxViews; }
    public float vicregSimCoeff() { return v.vicregSimCoeff; }
    public float vicregStdCoeff() { return v.vicregStdCoeff; }
    public float vicregCovCoeff() { return v.vicregCovCoeff; }
    public float barlowLambda() { return v.barlowLambda; }
    public float dinoCenterMomentum() { return v.dinoCenterMomentum; }
    /** @return the peak learning rate ({@code lr}) */
    public float learningRate() { return v.learningRate; }
    public LrSchedule lrSchedule() { return v.lrSchedule; }
    public float finalLearningRate() { return v.finalLearningRate; }
    public float weightDecay() { return v.weightDecay; }
    /** @return the EMA momentum at step 0 ({@code ema_start}) */
    public float emaMomentum() { return v.emaMomentum; }
    /** @return the EMA momentum reached at {@link #totalSteps()} ({@code ema_end}) */
    public float emaEnd() { return v.emaEnd; }
    public int warmupSteps() { return v.warmupSteps; }
    /** @return the horizon of the cosine schedule and of the EMA ramp */
    public long totalSteps() { return v.totalSteps; }
    public float gradientClip() { return v.gradientClip; }
    public long seed() { return v.seed; }

    /**
     * The settings in which {@code other} differs from this config.
     *
     * @return one entry per differing setting in table order: its YAML name (as {@code --model} takes it),
     *     this config's value, then {@code other}'s value
     */
    public List<String[]> differences(JepaConfig other) {
        return ConfigKeys.differences(this, other);
    }

    /** @return every field as a string map, read back by {@link #fromProperties(Map)} */
    public Map<String, String> toProperties() {
        return ConfigKeys.toProperties(this);
    }

    /**
     * Reads a configuration written by {@link #toProperties()}; absent keys keep their defaults.
     *
     * @param properties key to value, as strings
     * @return the validated configuration
     * @throws IllegalArgumentException for an unknown key, a value of the wrong kind, or an invalid
     *     combination; the message names the key, the value and what is allowed
     */
    public static JepaConfig fromProperties(Map<String, String> properties) {
        Builder b = builder();
        // Checkpoints written before predictor types existed hold a transformer predictor.
        b.predictorType(PredictorType.TRANSFORMER);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            ConfigKeys.byProperty(e.getKey()).apply(b, e.getValue());
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
    public static final class Builder implements Cloneable {
        int imageSize = 64;
        int patchSize = 8;
        EncoderType encoderType = EncoderType.VIT;
        int encoderWidth = 128;
        int encoderDepth = 3;
        int encoderHeads = 4;
        int mlpRatio = 4;
        int predictorWidth = 96;
        int predictorDepth = 2;
        int predictorHeads = 2;
        float predictorDropout = 0f;
        boolean predictorResidual = true;
        boolean predictorContextQueries = false;
        PredictorType predictorType = PredictorType.TRANSFORMER;
        int transportRadius = 1;
        int contextFrames = 2;
        int targetFrames = 1;
        int actionDim = 0;
        int actionEmbDim = 16;
        TargetEncoderMode targetEncoderMode = TargetEncoderMode.VJEPA2;
        LossType loss = LossType.L1;
        float changeWeight = 0f;
        AuxLossType auxLoss = AuxLossType.NONE;
        float auxWeight = 1f;
        AuxViews auxViews = AuxViews.POOLED;
        float vicregSimCoeff = 0f;
        float vicregStdCoeff = 1f;
        float vicregCovCoeff = 1f;
        float barlowLambda = 0.005f;
        float dinoCenterMomentum = 0.9f;
        float learningRate = 2e-3f;
        LrSchedule lrSchedule = LrSchedule.CONSTANT;
        float finalLearningRate = 1e-6f;
        float weightDecay = 0.04f;
        float emaMomentum = 0.996f;
        float emaEnd = 0.996f;
        int warmupSteps = 10;
        long totalSteps = 100_000;
        float gradientClip = 1f;
        long seed = 42;

        private Builder() {
        }

        public Builder imageSize(int x) { imageSize = x; return this; }
        public Builder patchSize(int x) { patchSize = x; return this; }
        public Builder encoderType(EncoderType x) { encoderType = x; return this; }
        public Builder encoderWidth(int x) { encoderWidth = x; return this; }
        public Builder encoderDepth(int x) { encoderDepth = x; return this; }
        public Builder encoderHeads(int x) { encoderHeads = x; return this; }
        public Builder mlpRatio(int x) { mlpRatio = x; return this; }
        public Builder predictorWidth(int x) { predictorWidth = x; return this; }
        public Builder predictorDepth(int x) { predictorDepth = x; return this; }
        public Builder predictorHeads(int x) { predictorHeads = x; return this; }
        public Builder predictorDropout(float x) { predictorDropout = x; return this; }
        public Builder predictorResidual(boolean x) { predictorResidual = x; return this; }
        public Builder predictorContextQueries(boolean x) { predictorContextQueries = x; return this; }
        public Builder predictorType(PredictorType x) { predictorType = x; return this; }
        public Builder transportRadius(int x) { transportRadius = x; return this; }
        public Builder contextFrames(int x) { contextFrames = x; return this; }
        public Builder targetFrames(int x) { targetFrames = x; return this; }
        public Builder actionDim(int x) { actionDim = x; return this; }
        public Builder actionEmbDim(int x) { actionEmbDim = x; return this; }
        public Builder targetEncoderMode(TargetEncoderMode x) { targetEncoderMode = x; return this; }
        public Builder loss(LossType x) { loss = x; return this; }
        public Builder changeWeight(float x) { changeWeight = x; return this; }
        public Builder auxLoss(AuxLossType x) { auxLoss = x; return this; }
        public Builder auxWeight(float x) { auxWeight = x; return this; }
        public Builder auxViews(AuxViews x) { auxViews = x; return this; }
        public Builder vicregSimCoeff(float x) { vicregSimCoeff = x; return this; }
        public Builder vicregStdCoeff(float x) { vicregStdCoeff = x; return this; }
        public Builder vicregCovCoeff(float x) { vicregCovCoeff = x; return this; }
        public Builder barlowLambda(float x) { barlowLambda = x; return this; }
        public Builder dinoCenterMomentum(float x) { dinoCenterMomentum = x; return this; }
        public Builder learningRate(float x) { learningRate = x; return this; }
        public Builder lrSchedule(LrSchedule x) { lrSchedule = x; return this; }
        public Builder finalLearningRate(float x) { finalLearningRate = x; return this; }
        public Builder weightDecay(float x) { weightDecay = x; return this; }
        public Builder emaMomentum(float x) { emaMomentum = x; return this; }
        public Builder emaEnd(float x) { emaEnd = x; return this; }
        public Builder warmupSteps(int x) { warmupSteps = x; return this; }
        public Builder totalSteps(long x) { totalSteps = x; return this; }
        public Builder gradientClip(float x) { gradientClip = x; return this; }
        public Builder seed(long x) { seed = x; return this; }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the key, its value and what is allowed
         */
        public JepaConfig build() {
            ConfigValidation.check(this);
            return new JepaConfig(this);
        }

        Builder copy() {
            try {
                return (Builder) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
