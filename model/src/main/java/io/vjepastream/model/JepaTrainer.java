package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a JEPA model one batch at a time: the online encoder encodes the context frames, the
 * predictor predicts the target frame's tokens, the EMA target encoder provides layer-normed,
 * stop-gradient targets; the loss is their mean L1 distance. Each step clips gradients, applies
 * AdamW, then moves the target encoder towards the online encoder.
 *
 * <p>Every step's temporaries live on a manager closed at the end of the step, so native memory stays
 * flat over long runs. Not meant for concurrent use: steps and saves are serialised. DJL's PyTorch
 * engine allows one gradient collector at a time per process, so two trainers in one JVM take turns.
 */
public final class JepaTrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JepaTrainer.class);
    private static final String STATE_FILE = "trainer.properties";
    private static final String STEPS_KEY = "steps";

    private final JepaNetworks networks;
    private final ParameterUpdater updater;
    private long steps;
    private boolean closed;

    /** Creates a model with seeded initial weights ({@link JepaConfig#seed()}). */
    public JepaTrainer(JepaConfig config) {
        this(JepaNetworks.create(config), 0);
    }

    private JepaTrainer(JepaNetworks networks, long steps) {
        this.networks = networks;
        this.steps = steps;
        networks.enableTraining();
        this.updater = new ParameterUpdater(networks.trainableParameters(), networks.config());
    }

    /**
     * Continues training from a directory written by {@link #save(Path)}: config, all three networks
     * and the step count. The AdamW moments are not stored, so the optimiser starts afresh, and its
     * learning-rate warm-up runs again (which is what fresh moments need).
     *
     * @throws IOException naming the file that is missing or unreadable
     */
    public static JepaTrainer restore(Path dir) throws IOException {
        JepaNetworks networks = CheckpointFiles.load(dir);
        try {
            return new JepaTrainer(networks, readSteps(dir.resolve(STATE_FILE)));
        } catch (IOException | RuntimeException e) {
            networks.close();
            throw e;
        }
    }

    private static long readSteps(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0; // a model directory without trainer state: the count starts again
        }
        String value = CheckpointFiles.readProperties(file).getOrDefault(STEPS_KEY, "0");
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException("cannot read " + file + ": " + STEPS_KEY + "='" + value + "' is not a number", e);
        }
    }

    public JepaConfig config() {
        return networks.config();
    }

    /** @return the number of completed optimisation steps, including those before a restore */
    public synchronized long steps() {
        return steps;
    }

    /** @return the global gradient norm of the last step, before clipping */
    public synchronized double lastGradientNorm() {
        return updater.lastGradientNorm();
    }

    /**
     * One optimisation step on a batch.
     *
     * <p>If the loss is not finite the weights are left unchanged, the step is not counted, and the
     * returned loss says so (NaN or infinity).
     *
     * @param batch the pairs, each with {@code contextFrames} and {@code targetFrames} frames
     * @return the step count after this step, the loss before the update, and the wall time
     * @throws InvalidPairException if a pair has the wrong number of frames or a frame the wrong size
     * @throws IllegalArgumentException if the batch is empty
     */
    public synchronized StepResult step(List<PairSample> batch) {
        long start = System.nanoTime();
        ensureOpen();
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("cannot train on an empty batch");
        }
        JepaConfig config = networks.config();
        FrameBatch.validate(batch, config);
        float loss;
        try (NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray targets = JepaLosses.tokenLayerNorm(
                    networks.encodeTargets(store, FrameBatch.target(step, batch, config), batch.size()))
                    .stopGradient();
            NDArray context = FrameBatch.context(step, batch, config);
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray lossArray = JepaLosses.l1(networks.predict(store, context, batch.size(), true), targets);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            if (!Float.isFinite(loss)) {
                updater.discard(step);
                LOG.warn("loss {} at step {}: weights left unchanged", loss, steps);
                return new StepResult(steps, loss, System.nanoTime() - start);
            }
            updater.update(step);
            EmaUpdate.apply(networks.target().getParameters().values(),
                    networks.online().getParameters().values(), config.emaMomentum());
        }
        steps++;
        return new StepResult(steps, loss, System.nanoTime() - start);
    }

    /**
     * Writes config.properties, online-encoder.params, target-encoder.params, predictor.params and
     * trainer.properties (the step count) into the existing directory {@code dir}.
     *
     * @throws IOException if the directory does not exist or a file cannot be written
     */
    public synchronized void save(Path dir) throws IOException {
        ensureOpen();
        CheckpointFiles.save(networks, dir);
        CheckpointFiles.writeProperties(dir.resolve(STATE_FILE), Map.of(STEPS_KEY, Long.toString(steps)),
                "vjepa-stream JEPA trainer state");
    }

    /** @return the networks being trained (for tests in this package) */
    JepaNetworks networks() {
        return networks;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this JepaTrainer is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            networks.close();
        }
    }
}
