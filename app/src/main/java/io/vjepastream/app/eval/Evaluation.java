package io.vjepastream.app.eval;

import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.StepResult;
import io.vjepastream.trainer.CheckpointStore;
import io.vjepastream.trainer.WrittenCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a JEPA model from scratch, offline, on clean synthetic clips, then reads a held-out clip
 * with planted anomalies with the trained model, with the same model untrained, and with the pixel
 * difference, so that {@link EvalResult} can compare them against the ground truth.
 *
 * <p>Training draws batches from all training pairs shuffled (a new order every epoch, seeded), as a
 * replay buffer would, until the step limit or the time budget is reached, whichever comes first.
 */
public final class Evaluation {
    private static final long PROGRESS_NANOS = 10_000_000_000L;

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
        List<LabelledPair> test = data.labelled(settings.testSource());
        List<LabelledPair> probe = data.labelled(settings.probeSource());
        long anomalous = test.stream().filter(p -> p.anomaly() != null).count();
        progress.printf(Locale.ROOT, "training pairs: %d from %d clip(s); test pairs: %d (%d anomalous)%n",
                train.size(), settings.trainSources().size(), test.size(), anomalous);
        progress.flush();
        if (train.size() < settings.batchSize()) {
            throw new IllegalArgumentException("only " + train.size() + " training pairs for batches of " + settings.batchSize());
        }
        ModelReading untrained;
        ModelReading untrainedProbe;
        double[] untrainedDistance;
        double[] untrainedPersistence;
        try (JepaInference model = JepaInference.of(settings.model())) {
            untrained = ModelReading.of(model, test);
            untrainedProbe = ModelReading.of(model, probe);
            untrainedPersistence = ModelReading.energies(model::scorePersistence, test);
            untrainedDistance = ModelReading.energies(model.energyMeasure(EnergyMeasure.TRAINING_DISTANCE), test);
        }
        Path root = checkpoints != null ? checkpoints : java.nio.file.Files.createTempDirectory("vjepa-eval-");
        CheckpointStore store = new CheckpointStore(root, 3);
        store.open();
        TrainingRun run;
        WrittenCheckpoint written;
        try (JepaTrainer trainer = new JepaTrainer(settings.model())) {
            run = train(trainer, train, progress);
            written = store.write(trainer.steps(), Map.of(), trainer::save);
        }
        ModelReading trained;
        ModelReading trainedTargetContext;
        ModelReading trainedProbe;
        double[] trainedDistance;
        double[] trainedTargetContextDistance;
        double[] trainedPersistence;
        double[] trainedPersistenceDistance;
        try (JepaInference model = JepaInference.load(written.directory())) {
            trained = ModelReading.of(model, test);
            trainedProbe = ModelReading.of(model, probe);
            trainedPersistence = ModelReading.energies(model::scorePersistence, test);
            trainedDistance = ModelReading.energies(model.energyMeasure(EnergyMeasure.TRAINING_DISTANCE), test);
            trainedPersistenceDistance = ModelReading.energies(model::scorePersistence, test);
            model.contextEncoder(ContextEncoder.TARGET);
            trainedTargetContextDistance = ModelReading.energies(model, test);
            trainedTargetContext = ModelReading.of(model.energyMeasure(EnergyMeasure.STANDARDISED), test);
        }
        if (checkpoints == null) {
            deleteTree(root);
        }
        double[] pixels = test.stream().mapToDouble(LabelledPair::pixelDifference).toArray();
        EvalResult.TrainingDistances distances =
                new EvalResult.TrainingDistances(trainedDistance, trainedTargetContextDistance, untrainedDistance,
                        trainedPersistenceDistance);
        EvalResult.PersistenceForecasts persistence =
                new EvalResult.PersistenceForecasts(trainedPersistence, untrainedPersistence);
        return new EvalResult(settings, run, test, trained, trainedTargetContext, untrained, distances, persistence,
                pixels, probe, trainedProbe, untrainedProbe, checkpoints == null ? null : written.directory());
    }

    private TrainingRun train(JepaTrainer trainer, List<PairSample> pairs, PrintWriter progress) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] order = shuffled(pairs.size(), random);
        int next = 0;
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + settings.timeBudget().toNanos();
        long lastReport = start;
        long steps = 0;
        while ((settings.maxSteps() == 0 || steps < settings.maxSteps()) && System.nanoTime() < deadline) {
            List<PairSample> batch = new ArrayList<>(settings.batchSize());
            while (batch.size() < settings.batchSize()) {
                if (next == order.length) {
                    order = shuffled(pairs.size(), random);
                    next = 0;
                }
                batch.add(pairs.get(order[next++]));
            }
            StepResult result = trainer.step(batch);
            losses.add((double) result.loss());
            steps++;
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_NANOS) {
                lastReport = now;
                progress.printf(Locale.ROOT, "step %d, loss %.4f, gradient norm %.3f, %.1f pairs/s%n", steps,
                        result.loss(), result.gradientNorm(), steps * settings.batchSize() / ((now - start) / 1e9));
                progress.flush();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingRun(steps, seconds, steps * settings.batchSize(), pairs.size(), losses);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = java.nio.file.Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
