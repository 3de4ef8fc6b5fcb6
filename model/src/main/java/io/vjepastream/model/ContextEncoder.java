package io.vjepastream.model;

/**
 * Which encoder gives the predictor its context tokens when a model scores pairs (training always
 * follows the {@link TargetEncoderMode}).
 *
 * <p>With {@code vjepa2} the predictor learns on the online encoder's context tokens, while latent
 * states and targets come from the target encoder, so scoring as trained puts every frame through
 * both encoders: the target encoder when it is a pair's target, the online encoder when it becomes
 * the next pairs' context. The target encoder is an exponential moving average of the online one, so
 * the two give close tokens once training has run a while; scoring the context with it as well puts
 * each frame through one encoder only, which on a live stream (where the frame cache keeps each
 * frame's tokens) makes a pair about a fifth cheaper. {@code vjepa eval} reports the anomaly AUROC
 * both ways. Models trained with {@code default} or {@code none} already use one encoder for both
 * roles, so the choice does not change them.
 */
public enum ContextEncoder {
    /** The encoder the predictor was trained on (the online encoder with {@code vjepa2}). */
    AS_TRAINED,
    /** The target encoder, which also gives the targets and latent states: one encoder pass per frame. */
    TARGET;

    /** @return the name used in settings, e.g. {@code as_trained} */
    public String key() {
        return SettingKeys.key(this);
    }

    /**
     * @return the constant named {@code key}, case-insensitively
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static ContextEncoder fromKey(String key) {
        return SettingKeys.fromKey(ContextEncoder.class, key, "context encoder");
    }

    /** @return the encoder roles to score a model trained with {@code trained} */
    TargetEncoderMode scoringRoles(TargetEncoderMode trained) {
        return this == TARGET && trained == TargetEncoderMode.VJEPA2 ? TargetEncoderMode.DEFAULT : trained;
    }
}
