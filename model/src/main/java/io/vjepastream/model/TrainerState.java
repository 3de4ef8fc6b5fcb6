package io.vjepastream.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trainer's state beside the weights: step count, AdamW counters, moments and learning-rate scale,
 * the DINO centre, and the last step's loss parts. Stored as {@code trainer.properties} and
 * {@code optimizer.params} (the moments as a DJL {@link NDList}, first moments then second, in the
 * order of the trainable weights).
 */
final class TrainerState {
    static final String FILE = "trainer.properties";
    static final String MOMENTS = "optimizer.params";
    private static final String STEPS = "steps";
    private static final String ADAM_STEPS = "adamSteps";
    private static final String WARMUP_ORIGIN = "warmupOrigin";
    private static final String LR_SCALE = "learningRateScale";
    private static final String DINO_CENTRE = "dinoCentre";

    long steps;
    float[] dinoCentre;
    float lastPredictionLoss = Float.NaN;
    float lastAuxLoss;
    private Map<String, String> stored = Map.of();

    /** @return the state in {@code dir}; a directory without trainer state counts from 0 */
    static TrainerState read(Path dir) throws IOException {
        TrainerState state = new TrainerState();
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return state;
        }
        state.stored = CheckpointFiles.readProperties(file);
        state.steps = number(file, STEPS, state.stored.getOrDefault(STEPS, "0"));
        String centre = state.stored.get(DINO_CENTRE);
        if (centre != null && !centre.isBlank()) {
            String[] parts = centre.split(",");
            state.dinoCentre = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    state.dinoCentre[i] = Float.parseFloat(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IOException("cannot read " + file + ": " + DINO_CENTRE + " value " + i + " '"
                            + parts[i] + "' is not a number", e);
                }
            }
        }
        return state;
    }

    /** Loads the stored moments into {@code updater}; without {@code optimizer.params} they start afresh. */
    void restoreOptimiser(Path dir, ParameterUpdater updater) throws IOException {
        Path file = dir.resolve(MOMENTS);
        Path properties = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (NDManager temporary = TorchRuntime.newManager();
                InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList moments = NDList.decode(temporary, in);
            double scale = Double.parseDouble(stored.getOrDefault(LR_SCALE, "1"));
            updater.restore(moments, number(properties, ADAM_STEPS, stored.getOrDefault(ADAM_STEPS, "0")),
                    number(properties, WARMUP_ORIGIN, stored.getOrDefault(WARMUP_ORIGIN, "0")), scale);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path dir, ParameterUpdater updater, JepaNetworks networks) throws IOException {
        try (NDManager temporary = networks.newStepManager();
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(MOMENTS)))) {
            updater.moments(temporary).encode(out);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(STEPS, Long.toString(steps));
        values.put(ADAM_STEPS, Long.toString(updater.adamSteps()));
        values.put(WARMUP_ORIGIN, Long.toString(updater.warmupOrigin()));
        values.put(LR_SCALE, Double.toString(updater.scale()));
        if (dinoCentre != null) {
            StringBuilder text = new StringBuilder();
            for (float v : dinoCentre) {
                text.append(text.length() == 0 ? "" : ",").append(v);
            }
            values.put(DINO_CENTRE, text.toString());
        }
        CheckpointFiles.writeProperties(dir.resolve(FILE), values, "vjepa-stream JEPA trainer state");
    }

    /** c <- m * c + (1 - m) * mean, the centre starting at zeros. */
    void updateDinoCentre(float[] batchMean, float momentum) {
        if (dinoCentre == null) {
            dinoCentre = new float[batchMean.length];
        }
        for (int i = 0; i < batchMean.length; i++) {
            dinoCentre[i] = momentum * dinoCentre[i] + (1 - momentum) * batchMean[i];
        }
    }

    private static long number(Path file, String key, String value) throws IOException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException("cannot read " + file + ": " + key + "='" + value + "' is not a number", e);
        }
    }
}
