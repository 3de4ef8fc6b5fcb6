package io.vjepastream.model;

import java.util.Map;

/** STUB: the model module's owner replaces the bodies; the signatures are the contract. */
public final class JepaConfig {
    public static Builder builder() {
        return new Builder();
    }

    public static JepaConfig defaults() {
        return builder().build();
    }

    public int imageSize() { return 64; }
    public int patchSize() { return 8; }
    public int gridSize() { return 8; }
    public int tokensPerFrame() { return 64; }
    public int frameBytes() { return 64 * 64 * 3; }
    public int encoderWidth() { return 192; }
    public int contextFrames() { return 2; }
    public int targetFrames() { return 1; }
    public long seed() { return 42; }

    public Map<String, String> toProperties() {
        throw new UnsupportedOperationException("not built yet");
    }

    public static JepaConfig fromProperties(Map<String, String> properties) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Builder toBuilder() {
        return new Builder();
    }

    /** Builder with the tiny CPU defaults of the design. */
    public static final class Builder {
        public Builder imageSize(int v) { return this; }
        public Builder patchSize(int v) { return this; }
        public Builder encoderWidth(int v) { return this; }
        public Builder encoderDepth(int v) { return this; }
        public Builder encoderHeads(int v) { return this; }
        public Builder mlpRatio(int v) { return this; }
        public Builder predictorWidth(int v) { return this; }
        public Builder predictorDepth(int v) { return this; }
        public Builder predictorHeads(int v) { return this; }
        public Builder learningRate(float v) { return this; }
        public Builder weightDecay(float v) { return this; }
        public Builder emaMomentum(float v) { return this; }
        public Builder warmupSteps(int v) { return this; }
        public Builder gradientClip(float v) { return this; }
        public Builder seed(long v) { return this; }

        public JepaConfig build() {
            return new JepaConfig();
        }
    }
}
