package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a JEPA model one batch at a time: the encoders as the {@link TargetEncoderMode} says, the
 * predictor predicts the target tokens of each pair's mask from its context tokens (and action),
 * the targets are layer-normed with stop-gradient; the loss is their L1 or L2 distance plus the
 * weighted auxiliary loss on the online encoder's pooled embeddings. Each step clips gradients,
 * applies AdamW at the scheduled learning rate, then moves the target encoder towards the online
 * encoder at the scheduled EMA momentum.
 *
 * <p>Every step's temporaries live on a manager closed at the end of the step, so native memory stays
 * flat over long runs. Not meant for concurrent use: steps and saves are serialised. DJL's PyTorch
 * engine allows one gradient collector at a time per process, so two trainers in one JVM take turns.
 */
public final class JepaTrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JepaTrainer.class);

    private final JepaNetworks networks;
    private final ParameterUpdater updater;
    private final LearningRateSchedule schedule;
    private final TrainerState state;
    private boolean closed;

    /** Creates a model with seeded initial weights ({@link JepaConfig#seed()}). */
    public JepaTrainer(JepaConfig config) {
        this(JepaNetworks.create(config), new TrainerState());
    }

    private JepaTrainer(JepaNetworks networks, TrainerState state) {
        this.networks = networks;
        this.state = state;
        networks.enableTraining();
        this.schedule = new LearningRateSchedule(networks.config());
        this.updater = new ParameterUpdater(networks.trainableParameters(), networks.config(), state.steps);
    }

    /**
     * The model config a checkpoint directory was trained with, read without loading its weights.
     *
     * @throws IOException naming the config file when it is missing, unreadable or invalid
     */
    public static JepaConfig savedConfig(Path dir) throws IOException {
        return CheckpointFiles.readConfig(dir);
    }

    /**
     * Continues training from a directory written by {@link #save(Path)}: config, all three networks,
     * the step count, the AdamW moments, the learning-rate scale and the DINO centre. A directory
     * without stored moments (an older checkpoint) starts the moments afresh and runs the learning-rate
     * warm-up again, which is what fresh moments need.
     *
     * @throws IOException naming the file that is missing or unreadable
     */
    public static JepaTrainer restore(Path dir) throws IOException {
        JepaNetworks networks = CheckpointFiles.load(dir);
        try {
            TrainerState state = TrainerState.read(dir);
            JepaTrainer trainer = new JepaTrainer(networks, state);
            state.restoreOptimiser(dir, trainer.updater);
            return trainer;
        } catch (IOException | RuntimeException e) {
            networks.close();
            throw e;
        }
    }

    public JepaConfig config() {
        return networks.config();
    }

    /** @return the number of completed optimisation steps, including those before a restore */
    public synchronized long steps() {
        return state.steps;
    }

    /** @return the learning rate the next step will use (schedule times scale) */
    public synchronized double learningRate() {
        return updater.nextRate();
    }

    /** @return the EMA momentum the next step will use */
    public synchronized float emaMomentum() {
        return schedule.emaMomentum(state.steps);
    }

    /** @return the prediction (JEPA) part of the last step's loss */
    public synchronized float lastPredictionLoss() {
        return state.lastPredictionLoss;
    }

    /** @return the auxiliary part of the last step's loss, before weighting; 0 without one */
    public synchronized float lastAuxLoss() {
        return state.lastAuxLoss;
    }

    /** @return the factor the schedule's learning rate is multiplied by (1 unless scaled; saved with checkpoints) */
    public synchronized double learningRateScale() {
        return updater.scale();
    }

    /**
     * Multiplies the learning rate of every later step by {@code factor} (cumulative, saved with
     * checkpoints); used to calm training after repeated non-finite losses.
     *
     * @throws IllegalArgumentException unless {@code factor} is a finite number > 0
     */
    public synchronized void scaleLearningRate(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("learning-rate factor " + factor + " must be a finite number > 0");
        }
        updater.scale(updater.scale() * factor);
        LOG.info("learning rate scaled by {}: now {} times the schedule", factor, updater.scale());
    }

    /**
     * One optimisation step on a batch.
     *
     * <p>If the loss is not finite the weights are left unchanged, the step is not counted, and the
     * returned loss says so (NaN or infinity).
     *
     * @param batch the pairs, each with {@code contextFrames} and {@code targetFrames} frames; all
     *     with the same number of context and of target tokens in their masks
     * @return the step count after this step, the total loss before the update, and the wall time
     * @throws InvalidPairException if a pair has the wrong number of frames, a frame the wrong size,
     *     or a mask or action that does not fit
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
        float[] batchMean = null;
        try (NDManager step = networks.newStepManager()) {
            if (config.predictorDropout() > 0) {
                reseedDropout(config);
            }
            ParameterStore store = new ParameterStore(step, false);
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                JepaForward.Output out = JepaForward.run(networks, store, step, batch, true,
                        config.auxLoss() != AuxLossType.NONE);
                NDArray targets = JepaLosses.tokenLayerNorm(out.targets()).stopGradient();
                NDArray prediction = config.changeWeight() == 0
                        ? JepaLosses.distance(config.loss(), out.predicted(), targets)
                        : JepaLosses.changeWeighted(config.loss(), out.predicted(), targets,
                                JepaForward.newestContextBase(out.context(), step, out.plan(), config),
                                config.changeWeight());
                NDArray total = prediction;
                AuxiliaryObjective.Result aux =
                        AuxiliaryObjective.compute(config, out.onlineContext(), state.dinoCentre);
                if (aux != null) {
                    total = prediction.add(aux.loss().mul(config.auxWeight()));
                    state.lastAuxLoss = aux.loss().getFloat();
                    batchMean = aux.batchMean();
                }
                collector.backward(total);
                loss = total.getFloat();
                state.lastPredictionLoss = prediction.getFloat();
            }
            if (!Float.isFinite(loss)) {
                updater.discard(step);
                LOG.warn("loss {} at step {}: weights left unchanged", loss, state.steps);
                return new StepResult(state.steps, loss, Double.NaN, System.nanoTime() - start);
            }
            updater.update(step);
            if (networks.hasTargetEncoder()) {
                EmaUpdate.apply(networks.target().getParameters().values(),
                        networks.online().getParameters().values(), schedule.emaMomentum(state.steps));
            }
        }
        if (batchMean != null) {
            state.updateDinoCentre(batchMean, config.dinoCenterMomentum());
        }
        state.steps++;
        return new StepResult(state.steps, loss, updater.lastGradientNorm(), System.nanoTime() - start);
    }

    // Dropout draws from the engine's process-wide generator: seeding it per step keeps runs repeatable.
    private void reseedDropout(JepaConfig config) {
        synchronized (JepaNetworks.SEED_LOCK) {
            networks.manager().getEngine().setRandomSeed(Long.hashCode(config.seed() * 31 + state.steps));
        }
    }

    /**
     * @return per pair, the mean of the online encoder's tokens of its newest frame, without gradient:
     *     the embeddings to feed {@link CollapseStatistics#of(float[][])}
     * @throws InvalidPairException if a pair does not fit the config
     */
    public synchronized float[][] embed(List<PairSample> batch) {
        ensureOpen();
        return PairScorer.embed(networks, batch);
    }

    /** @return the collapse statistics of {@link #embed(List)} on {@code batch} (at least one pair) */
    public synchronized CollapseStatistics collapseStatistics(List<PairSample> batch) {
        return CollapseStatistics.of(embed(batch));
    }

    /**
     * Writes config.properties, online-encoder.params, target-encoder.params, predictor.params,
     * optimizer.params (the AdamW moments) and trainer.properties (step count, optimiser counters,
     * learning-rate scale, DINO centre) into the existing directory {@code dir}.
     *
     * @throws IOException if the directory does not exist or a file cannot be written
     */
    public synchronized void save(Path dir) throws IOException {
        ensureOpen();
        CheckpointFiles.save(networks, dir);
        state.write(dir, updater, networks);
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
