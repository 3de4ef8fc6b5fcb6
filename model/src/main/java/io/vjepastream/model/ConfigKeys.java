package io.vjepastream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of model settings: each key's checkpoint property name (camelCase, as in
 * {@link JepaConfig#toProperties()}), its YAML name (snake_case, as in {@code default-model.yaml}
 * and {@code VJEPA_MODEL_<KEY>}), and how its value is written and parsed.
 */
final class ConfigKeys {
    /** One setting. */
    record Key(String property, String yaml, Function<JepaConfig, Object> get,
            BiConsumer<JepaConfig.Builder, String> set) {
        /**
         * Parses {@code value} into {@code builder}, naming this key by its property name.
         *
         * @throws IllegalArgumentException naming the key, the value and what is allowed
         */
        void apply(JepaConfig.Builder builder, String value) {
            apply(builder, value, property);
        }

        /** As {@link #apply(JepaConfig.Builder, String)}, naming the key {@code shownAs} in errors. */
        void apply(JepaConfig.Builder builder, String value, String shownAs) {
            if (value == null) {
                throw new IllegalArgumentException("model config key '" + shownAs + "' has no value");
            }
            try {
                set.accept(builder, value.trim());
            } catch (ValueException e) {
                throw new IllegalArgumentException("model config key '" + shownAs + "' has value '"
                        + value.trim() + "', " + e.getMessage(), e);
            }
        }

        String write(JepaConfig config) {
            Object value = get.apply(config);
            return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
        }
    }

    /** A value of the wrong kind; the message says what is allowed. */
    private static final class ValueException extends RuntimeException {
        ValueException(String allowed) {
            super(allowed, null, false, false);
        }
    }

    static final List<Key> ALL = List.of(
            key("imageSize", "image_size", JepaConfig::imageSize, (b, s) -> b.imageSize(integer(s))),
            key("patchSize", "patch_size", JepaConfig::patchSize, (b, s) -> b.patchSize(integer(s))),
            key("encoderType", "encoder_type", JepaConfig::encoderType,
                    (b, s) -> b.encoderType(choice(EncoderType.class, s))),
            key("encoderWidth", "latent_dim", JepaConfig::encoderWidth, (b, s) -> b.encoderWidth(integer(s))),
            key("encoderDepth", "depth", JepaConfig::encoderDepth, (b, s) -> b.encoderDepth(integer(s))),
            key("encoderHeads", "heads", JepaConfig::encoderHeads, (b, s) -> b.encoderHeads(integer(s))),
            key("mlpRatio", "mlp_ratio", JepaConfig::mlpRatio, (b, s) -> b.mlpRatio(integer(s))),
            key("predictorWidth", "pred_width", JepaConfig::predictorWidth, (b, s) -> b.predictorWidth(integer(s))),
            key("predictorDepth", "pred_depth", JepaConfig::predictorDepth, (b, s) -> b.predictorDepth(integer(s))),
            key("predictorHeads", "pred_heads", JepaConfig::predictorHeads, (b, s) -> b.predictorHeads(integer(s))),
            key("predictorDropout", "pred_dropout", JepaConfig::predictorDropout,
                    (b, s) -> b.predictorDropout(number(s))),
            key("predictorResidual", "pred_residual", JepaConfig::predictorResidual,
                    (b, s) -> b.predictorResidual(bool(s))),
            key("predictorContextQueries", "pred_context_queries", JepaConfig::predictorContextQueries,
                    (b, s) -> b.predictorContextQueries(bool(s))),
            key("predictorType", "predictor_type", JepaConfig::predictorType,
                    (b, s) -> b.predictorType(choice(PredictorType.class, s))),
            key("transportRadius", "transport_radius", JepaConfig::transportRadius,
                    (b, s) -> b.transportRadius(integer(s))),
            key("contextFrames", "context_frames", JepaConfig::contextFrames, (b, s) -> b.contextFrames(integer(s))),
            key("targetFrames", "target_frames", JepaConfig::targetFrames, (b, s) -> b.targetFrames(integer(s))),
            key("actionDim", "action_dim", JepaConfig::actionDim, (b, s) -> b.actionDim(integer(s))),
            key("actionEmbDim", "action_emb_dim", JepaConfig::actionEmbDim, (b, s) -> b.actionEmbDim(integer(s))),
            key("targetEncoderMode", "target_encoder_mode", JepaConfig::targetEncoderMode,
                    (b, s) -> b.targetEncoderMode(choice(TargetEncoderMode.class, s))),
            key("loss", "loss", JepaConfig::loss, (b, s) -> b.loss(choice(LossType.class, s))),
            key("changeWeight", "change_weight", JepaConfig::changeWeight, (b, s) -> b.changeWeight(number(s))),
            key("auxLoss", "aux_loss", JepaConfig::auxLoss, (b, s) -> b.auxLoss(choice(AuxLossType.class, s))),
            key("auxWeight", "aux_weight", JepaConfig::auxWeight, (b, s) -> b.auxWeight(number(s))),
            key("auxViews", "aux_views", JepaConfig::auxViews, (b, s) -> b.auxViews(choice(AuxViews.class, s))),
            key("vicregSimCoeff", "vicreg_sim_coeff", JepaConfig::vicregSimCoeff,
                    (b, s) -> b.vicregSimCoeff(number(s))),
            key("vicregStdCoeff", "vicreg_std_coeff", JepaConfig::vicregStdCoeff,
                    (b, s) -> b.vicregStdCoeff(number(s))),
            key("vicregCovCoeff", "vicreg_cov_coeff", JepaConfig::vicregCovCoeff,
                    (b, s) -> b.vicregCovCoeff(number(s))),
            key("barlowLambda", "barlow_lambda", JepaConfig::barlowLambda, (b, s) -> b.barlowLambda(number(s))),
            key("dinoCenterMomentum", "dino_center_momentum", JepaConfig::dinoCenterMomentum,
                    (b, s) -> b.dinoCenterMomentum(number(s))),
            key("learningRate", "lr", JepaConfig::learningRate, (b, s) -> b.learningRate(number(s))),
            key("lrSchedule", "lr_schedule", JepaConfig::lrSchedule,
                    (b, s) -> b.lrSchedule(choice(LrSchedule.class, s))),
            key("finalLearningRate", "final_lr", JepaConfig::finalLearningRate,
                    (b, s) -> b.finalLearningRate(number(s))),
            key("weightDecay", "weight_decay", JepaConfig::weightDecay, (b, s) -> b.weightDecay(number(s))),
            key("emaMomentum", "ema_start", JepaConfig::emaMomentum, (b, s) -> b.emaMomentum(number(s))),
            key("emaEnd", "ema_end", JepaConfig::emaEnd, (b, s) -> b.emaEnd(number(s))),
            key("warmupSteps", "warmup_steps", JepaConfig::warmupSteps, (b, s) -> b.warmupSteps(integer(s))),
            key("totalSteps", "total_steps", JepaConfig::totalSteps, (b, s) -> b.totalSteps(whole(s))),
            key("gradientClip", "grad_clip", JepaConfig::gradientClip, (b, s) -> b.gradientClip(number(s))),
            key("seed", "seed", JepaConfig::seed, (b, s) -> b.seed(whole(s))));

    private static final Map<String, Key> BY_PROPERTY = index(Key::property);
    private static final Map<String, Key> BY_YAML = index(Key::yaml);
    /** Every name a setting goes by, in a file or in code, to the YAML name a user should type. */
    private static final Map<String, String> YAML_SPELLINGS = spellings();

    private ConfigKeys() {
    }

    private static Key key(String property, String yaml, Function<JepaConfig, Object> get,
            BiConsumer<JepaConfig.Builder, String> set) {
        return new Key(property, yaml, get, set);
    }

    private static Map<String, String> spellings() {
        Map<String, String> map = new LinkedHashMap<>();
        ALL.forEach(k -> map.put(k.yaml(), k.yaml()));
        ALL.forEach(k -> map.putIfAbsent(k.property(), k.yaml()));
        return map;
    }

    private static Map<String, Key> index(Function<Key, String> name) {
        Map<String, Key> map = new LinkedHashMap<>();
        ALL.forEach(k -> map.put(name.apply(k), k));
        return map;
    }

    /** @throws IllegalArgumentException for an unknown property name, listing the known ones */
    static Key byProperty(String property) {
        Key key = BY_PROPERTY.get(property);
        if (key == null) {
            throw new IllegalArgumentException("unknown model config key '" + property + "'"
                    + DidYouMean.hint(property, BY_PROPERTY.keySet()) + "; allowed keys: "
                    + new TreeSet<>(BY_PROPERTY.keySet()));
        }
        return key;
    }

    /** @throws IllegalArgumentException for an unknown YAML name, listing the known ones */
    static Key byYaml(String yaml, String where) {
        Key key = BY_YAML.get(yaml);
        if (key == null) {
            throw new IllegalArgumentException("unknown model config key '" + yaml + "' in " + where
                    + DidYouMean.hint(yaml, YAML_SPELLINGS) + "; allowed keys: " + String.join(", ", BY_YAML.keySet()));
        }
        return key;
    }

    static Map<String, String> toProperties(JepaConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        ALL.forEach(k -> p.put(k.property(), k.write(config)));
        return p;
    }

    /** @return for each setting whose values differ, its YAML name and the two values, in table order */
    static List<String[]> differences(JepaConfig a, JepaConfig b) {
        List<String[]> out = new ArrayList<>();
        for (Key k : ALL) {
            String x = k.write(a);
            String y = k.write(b);
            if (!x.equals(y)) {
                out.add(new String[] {k.yaml(), x, y});
            }
        }
        return out;
    }

    /** @return the YAML names in table order */
    static List<String> yamlNames() {
        return new ArrayList<>(BY_YAML.keySet());
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ValueException("which is not a whole number");
        }
    }

    private static boolean bool(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ValueException("which is not one of the allowed values: true, false");
    }

    private static long whole(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ValueException("which is not a whole number");
        }
    }

    private static float number(String s) {
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new ValueException("which is not a number");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new ValueException("which is not one of the allowed values: " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
