package io.vjepastream.eval;

import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scoring;
import io.vjepastream.model.TargetEncoderMode;
import io.vjepastream.schemas.files.DirectoryTrees;
import io.vjepastream.trainer.CheckpointStore;
import io.vjepastream.trainer.WrittenCheckpoint;
import io.vjepastream.trainer.loop.ProgressLine;
import io.vjepastream.trainer.loop.ShuffledEpochs;
import io.vjepastream.trainer.loop.StepListener;
import io.vjepastream.trainer.loop.StopCondition;
import io.vjepastream.trainer.loop.TrainingLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a JEPA model from scratch, offline, on clean synthetic clips, then reads a held-out clip
 * with planted anomalies with the trained model, with the same model untrained, and with the pixel
 * difference, so that {@link EvalResult} can compare them against the ground truth.
 *
 * <p>Training draws batches from all training pairs shuffled (a new order every epoch, seeded), as a
 * replay buffer would, until the step limit or the time budget is reached, whichever comes first.
 */
public final class Evaluation {

    /**
     * What to train and test on.
     *
     * @param model the model to train
     * @param batchSize pairs per step
     * @param maxSteps stop after this many steps; 0 for no limit
     * @param timeBudget stop training after this long
     * @param trainSources synthetic URIs to train on (normally without anomalies)
     * @param testSource a synthetic URI with planted anomalies, not trained on
     * @param probeSource a clean synthetic URI, not trained on, for the position probe (a clip
     *     without anomalies, so that its later part, where the probe is scored, looks like its start)
     * @param sampleFps frames per second kept from each source
     * @param strideFrames sampled frames between a pair's frames
     * @param seed orders the training batches
     */
    public record Settings(JepaConfig model, int batchSize, long maxSteps, Duration timeBudget,
                           List<String> trainSources, String testSource, String probeSource, double sampleFps, int strideFrames,
                           long seed) {
        public Settings {
            Objects.requireNonNull(model, "model");
            trainSources = List.copyOf(trainSources);
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size = " + batchSize + "; allowed: >= 1");
            }
            if (maxSteps < 0) {
                throw new IllegalArgumentException("max steps = " + maxSteps + "; allowed: >= 0 (0 = no limit)");
            }
            if (timeBudget.isNegative() || timeBudget.isZero()) {
                throw new IllegalArgumentException("time budget = " + timeBudget + "; allowed: > 0");
            }
            if (trainSources.isEmpty()) {
                throw new IllegalArgumentException("no training sources");
            }
        }
    }

    private final Settings settings;

    /** @param settings what to train and test on */
    public Evaluation(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs the whole evaluation.
     *
     * @param checkpoints where to keep the trained model as a checkpoint (scorable by {@code vjepa
     *     score}); null to keep it only in a temporary directory
     * @param progress where to report progress
     */
    public EvalResult run(Path checkpoints, PrintWriter progress) throws IOException {
        if (checkpoints != null && !new CheckpointStore(checkpoints, 1).complete().isEmpty()) {
            // A model trained from scratch must not sit beside (or be mistaken for) an earlier run's.
            throw new IllegalStateException(checkpoints + " already holds checkpoints of an earlier run;"
                    + " choose another output directory or remove them");
        }
        SyntheticData data = new SyntheticData(settings.model(), settings.sampleFps(), settings.strideFrames());
        List<PairSample> train = new ArrayList<>();
        for (String uri : settings.trainSources()) {
            train.addAll(data.samples(uri));
        }
        if (train.size() < settings.batchSize()) {
            throw new IllegalArgumentException("only " + train.size() + " training pairs for batches of " + settings.batchSize());
        }
        progress.printf(Locale.ROOT, "training pairs: %d from %d clip(s)%n", train.size(), settings.trainSources().size());
        Path root = checkpoints != null ? checkpoints : java.nio.file.Files.createTempDirectory("vjepa-eval-");
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        TrainingRun run;
        WrittenCheckpoint written;
        try (JepaTrainer trainer = new JepaTrainer(settings.model())) {
            run = train(trainer, train, progress);
            written = store.write(trainer.steps(), Map.of(), trainer::save);
        }
        try {
            return measure(run, written.directory(), checkpoints == null ? null : written.directory(), progress);
        } finally {
            if (checkpoints == null) {
                DirectoryTrees.delete(root);
            }
        }
    }

    /**
     * Measures an existing checkpoint on the held-out clips, without training; {@link Settings#model()}
     * must be the checkpoint's config (the untrained baseline is that model, seeded).
     *
     * @param checkpoint a checkpoint directory ({@code step-N})
     */
    public EvalResult measure(Path checkpoint, PrintWriter progress) throws IOException {
        return measure(new TrainingRun(0, 0, 0, 0, List.of()), checkpoint, checkpoint, progress);
    }

    private EvalResult measure(TrainingRun run, Path model, Path kept, PrintWriter progress) throws IOException {
        SyntheticData data = new SyntheticData(settings.model(), settings.sampleFps(), settings.strideFrames());
        List<LabelledPair> test = data.labelled(settings.testSource());
        List<LabelledPair> probe = data.labelled(settings.probeSource());
        long anomalous = test.stream().filter(p -> p.anomaly() != null).count();
        progress.printf(Locale.ROOT, "test pairs: %d (%d anomalous); scoring%n", test.size(), anomalous);
        progress.flush();
        // Each reading names how it scores; the models are shared by the readings, never changed by them.
        Scoring distance = Scoring.DEFAULT.with(EnergyMeasure.TRAINING_DISTANCE);
        Scoring targetContext = Scoring.DEFAULT.with(ContextEncoder.TARGET);
        ModelReading untrained;
        ModelReading untrainedProbe;
        double[] untrainedDistance;
        ModelReading untrainedPersistence;
        try (JepaInference untrainedModel = JepaInference.of(settings.model())) {
            untrained = ModelReading.of(untrainedModel, test);
            untrainedProbe = ModelReading.of(untrainedModel, probe);
            untrainedPersistence = ModelReading.of(untrainedModel::scorePersistence, test);
            untrainedDistance = ModelReading.energies(b -> untrainedModel.score(b, distance), test);
        }
        ModelReading trained;
        ModelReading trainedTargetContext;
        ModelReading trainedProbe;
        double[] trainedDistance;
        double[] trainedTargetContextDistance;
        ModelReading trainedPersistence;
        double[] trainedPersistenceDistance;
        try (JepaInference trainedModel = JepaInference.load(model)) {
            trained = ModelReading.of(trainedModel, test);
            trainedProbe = ModelReading.of(trainedModel, probe);
            trainedPersistence = ModelReading.of(trainedModel::scorePersistence, test);
            trainedDistance = ModelReading.energies(b -> trainedModel.score(b, distance), test);
            trainedPersistenceDistance = ModelReading.energies(b -> trainedModel.scorePersistence(b, distance), test);
            if (trainedModel.config().targetEncoderMode() == TargetEncoderMode.DEFAULT) {
                // The predictor already reads the target encoder: the same readings again would be no news.
                trainedTargetContextDistance = trainedDistance;
                trainedTargetContext = trained;
            } else {
                trainedTargetContextDistance = ModelReading.energies(
                        b -> trainedModel.score(b, targetContext.with(EnergyMeasure.TRAINING_DISTANCE)), test);
                trainedTargetContext = ModelReading.of(b -> trainedModel.score(b, targetContext), test);
            }
        }
        double[] pixels = test.stream().mapToDouble(LabelledPair::pixelDifference).toArray();
        EvalResult.TrainingDistances distances =
                new EvalResult.TrainingDistances(trainedDistance, trainedTargetContextDistance, untrainedDistance,
                        trainedPersistenceDistance);
        EvalResult.PersistenceForecasts persistence =
                new EvalResult.PersistenceForecasts(trainedPersistence, untrainedPersistence);
        return new EvalResult(settings, run, test, trained, trainedTargetContext, untrained, distances, persistence,
                pixels, probe, trainedProbe, untrainedProbe, kept);
    }

    private TrainingRun train(JepaTrainer trainer, List<PairSample> pairs, PrintWriter progress) throws IOException {
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        TrainingLoop loop = new TrainingLoop(trainer)
                .stopWhen(StopCondition.deadline(System::nanoTime, start + settings.timeBudget().toNanos()))
                .listen(step -> {
                    losses.add((double) step.result().loss());
                    return StepListener.Action.CONTINUE;
                })
                .listen(new ProgressLine(progress, start));
        if (settings.maxSteps() > 0) {
            loop.stopWhen(StopCondition.afterSteps(settings.maxSteps()));
        }
        long steps = loop.run(new ShuffledEpochs(pairs, settings.batchSize(), settings.seed()));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingRun(steps, seconds, steps * settings.batchSize(), pairs.size(), losses);
    }
}
