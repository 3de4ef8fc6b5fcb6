package io.vjepastream.model;

/**
 * The rules a {@link JepaConfig} must satisfy; each refusal names the key (as in
 * {@link JepaConfig#toProperties()}), the value and what is allowed.
 */
final class ConfigValidation {
    private ConfigValidation() {
    }

    static void check(JepaConfig.Builder b) {
        atLeast("imageSize", b.imageSize, 1);
        atLeast("patchSize", b.patchSize, 1);
        if (b.imageSize % b.patchSize != 0) {
            throw new IllegalArgumentException(
                    "imageSize=" + b.imageSize + " must be divisible by patchSize=" + b.patchSize);
        }
        present("encoderType", b.encoderType);
        present("targetEncoderMode", b.targetEncoderMode);
        present("loss", b.loss);
        present("predictorType", b.predictorType);
        present("auxLoss", b.auxLoss);
        present("auxViews", b.auxViews);
        present("lrSchedule", b.lrSchedule);
        // Depth 0 keeps each token to its own patch: the patch embedding alone (vit), or the stem and patchifier (cnn).
        atLeast("encoderDepth", b.encoderDepth, 0);
        atLeast("encoderHeads", b.encoderHeads, 1);
        atLeast("mlpRatio", b.mlpRatio, 1);
        atLeast("predictorDepth", b.predictorDepth, 1);
        atLeast("predictorHeads", b.predictorHeads, 1);
        atLeast("contextFrames", b.contextFrames, 1);
        atLeast("targetFrames", b.targetFrames, 1);
        atLeast("actionDim", b.actionDim, 0);
        atLeast("actionEmbDim", b.actionEmbDim, 1);
        atLeast("warmupSteps", b.warmupSteps, 0);
        width("encoderWidth", b.encoderWidth, "encoderHeads", b.encoderHeads);
        width("predictorWidth", b.predictorWidth, "predictorHeads", b.predictorHeads);
        if (b.encoderType == EncoderType.CNN && b.encoderWidth % 8 != 0) {
            throw new IllegalArgumentException("encoderWidth=" + b.encoderWidth
                    + " must be a multiple of 8 for encoderType=cnn (its stem is half as wide)");
        }
        positive("learningRate", b.learningRate);
        positive("gradientClip", b.gradientClip);
        nonNegative("weightDecay", b.weightDecay);
        nonNegative("finalLearningRate", b.finalLearningRate);
        nonNegative("auxWeight", b.auxWeight);
        nonNegative("changeWeight", b.changeWeight);
        nonNegative("vicregSimCoeff", b.vicregSimCoeff);
        nonNegative("vicregStdCoeff", b.vicregStdCoeff);
        nonNegative("vicregCovCoeff", b.vicregCovCoeff);
        nonNegative("barlowLambda", b.barlowLambda);
        unit("emaMomentum", b.emaMomentum);
        unit("emaEnd", b.emaEnd);
        unit("dinoCenterMomentum", b.dinoCenterMomentum);
        if (!(b.predictorDropout >= 0 && b.predictorDropout < 1)) {
            throw new IllegalArgumentException("predictorDropout=" + b.predictorDropout + " must be in [0, 1)");
        }
        transport(b);
        if (b.totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps=" + b.totalSteps + " must be >= 1");
        }
        if (b.lrSchedule == LrSchedule.COSINE && b.totalSteps <= b.warmupSteps) {
            throw new IllegalArgumentException("totalSteps=" + b.totalSteps + " must be greater than warmupSteps="
                    + b.warmupSteps + " for lrSchedule=cosine");
        }
        if (b.lrSchedule == LrSchedule.COSINE && b.finalLearningRate > b.learningRate) {
            throw new IllegalArgumentException("finalLearningRate=" + b.finalLearningRate
                    + " must be <= learningRate=" + b.learningRate + " for lrSchedule=cosine");
        }
    }

    private static void transport(JepaConfig.Builder b) {
        if (!b.predictorType.moves()) {
            return;
        }
        String why = " for predictorType=" + b.predictorType.key();
        if (b.encoderType == EncoderType.MLP) {
            throw new IllegalArgumentException("encoderType=mlp is not allowed" + why
                    + ": it moves tokens over the patch grid, which the mlp encoder does not make (allowed: vit, cnn)");
        }
        if (b.contextFrames < 2) {
            throw new IllegalArgumentException("contextFrames=" + b.contextFrames + " must be >= 2" + why
                    + ": it reads the motion between the two newest context frames");
        }
        if (b.targetFrames != 1) {
            throw new IllegalArgumentException("targetFrames=" + b.targetFrames + " must be 1" + why);
        }
        if (b.actionDim != 0) {
            throw new IllegalArgumentException("actionDim=" + b.actionDim + " must be 0" + why
                    + ", which takes no actions; use predictorType=transformer for an action-conditioned model");
        }
        int grid = b.imageSize / b.patchSize;
        if (b.transportRadius < 1 || b.transportRadius >= grid) {
            throw new IllegalArgumentException("transportRadius=" + b.transportRadius + " must be in [1, "
                    + (grid - 1) + "]" + why + " on a " + grid + " x " + grid + " token grid");
        }
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + "=" + value + " must be >= " + min);
        }
    }

    private static void present(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be set");
        }
    }

    private static void positive(String key, float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(key + "=" + value + " must be a finite number > 0");
        }
    }

    private static void nonNegative(String key, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(key + "=" + value + " must be a finite number >= 0");
        }
    }

    private static void unit(String key, float value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + "=" + value + " must be in [0, 1]");
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
