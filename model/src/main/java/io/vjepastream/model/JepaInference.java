package io.vjepastream.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores frame pairs with a trained (or a seeded, untrained) JEPA model, without gradients.
 *
 * <p>For each pair: the predictor predicts the target tokens of the pair's mask (by default all of the
 * target frames) from its context tokens, as in training; the energy is the mean over target tokens
 * of the prediction's error against the layer-normed target tokens, measured as {@link EnergyMeasure}
 * says (by default each dimension's squared error in units of its spread over the pair's context
 * and target tokens), the patch energy that error per grid position, and the embedding the mean of
 * the target-side encoder's tokens of the newest frame. A whole batch is one forward pass; one
 * caller at a time.
 */
public final class JepaInference implements AutoCloseable {
    private static final AtomicLong INSTANCES = new AtomicLong();
    /** Tells this model's cached frame tokens from another's: a {@link FrameEncodings} holds one model's. */
    private final long id = INSTANCES.incrementAndGet();
    private final JepaNetworks networks;
    private boolean closed;

    private JepaInference(JepaNetworks networks) {
        this.networks = networks;
        networks.freezeAll();
    }

    /**
     * Loads a model directory written by {@link JepaTrainer#save(Path)}.
     *
     * @throws IOException naming the file that is missing, unreadable or does not fit the config
     */
    public static JepaInference load(Path checkpointDirectory) throws IOException {
        return new JepaInference(CheckpointFiles.load(checkpointDirectory));
    }

    /** @return an untrained model with weights seeded by {@link JepaConfig#seed()} (a baseline) */
    public static JepaInference of(JepaConfig config) {
        return new JepaInference(JepaNetworks.create(config));
    }

    public JepaConfig config() {
        return networks.config();
    }

    /** Scores as {@link #score(List, Scoring)} does with {@link Scoring#DEFAULT}. */
    public List<Scored> score(List<PairSample> batch) {
        return score(batch, Scoring.DEFAULT);
    }

    /**
     * @param batch pairs of {@code contextFrames} context and {@code targetFrames} target frames
     * @param scoring the context encoder, the energy measure and whether tokens are kept
     * @return one score per pair, in order; empty for an empty batch
     * @throws InvalidPairException if a pair has the wrong number of frames or a frame the wrong size
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized List<Scored> score(List<PairSample> batch, Scoring scoring) {
        requireOpen();
        return PairScorer.score(networks, batch, scoring.contextEncoder(), scoring.energyMeasure(), scoring.keepTokens());
    }

    /** Scores as {@link #scorePersistence(List, Scoring)} does with {@link Scoring#DEFAULT}. */
    public List<Scored> scorePersistence(List<PairSample> batch) {
        return scorePersistence(batch, Scoring.DEFAULT);
    }

    /**
     * Scores like {@link #score(List, Scoring)}, but as if the predictor foresaw no change: each target token
     * is forecast to be the newest context frame's token at the same place (the persistence forecast of
     * time-series practice), measured as {@code scoring} says. A predictor that has learned
     * how the scene moves should tell anomalies from normal motion better than this forecast does;
     * {@code vjepa eval} reports both.
     *
     * @throws InvalidPairException if a pair does not fit the config
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized List<Scored> scorePersistence(List<PairSample> batch, Scoring scoring) {
        requireOpen();
        return PairScorer.scorePersistence(networks, batch, scoring.contextEncoder(), scoring.energyMeasure(),
                scoring.keepTokens());
    }

    /** Scores as {@link #score(List, FrameEncodings, Scoring)} does with {@link Scoring#DEFAULT}. */
    public List<Scored> score(List<StreamPair> batch, FrameEncodings cache) {
        return score(batch, cache, Scoring.DEFAULT);
    }

    /**
     * Scores like {@link #score(List, Scoring)}, with the same energies, patch energies and embeddings, but takes
     * each frame's encoder tokens from {@code cache} where it holds them (keyed by stream and
     * timestamp, checked against the frame's bytes), encodes only the frames it lacks and keeps their
     * tokens there; the predictor and the energy then run for the whole batch in one pass. Consecutive
     * pairs of a stream share frames, so on a live stream most frames are encoded once instead of once
     * per pair. A cache last used with another model is emptied first.
     *
     * @param batch pairs with their stream and frame timestamps
     * @param cache the frame tokens to use and fill
     * @param scoring the context encoder, the energy measure and whether tokens are kept
     * @return one score per pair, in order; empty for an empty batch
     * @throws InvalidPairException if a pair has the wrong number of frames or a frame the wrong size
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized List<Scored> score(List<StreamPair> batch, FrameEncodings cache, Scoring scoring) {
        requireOpen();
        return CachedPairScorer.score(networks, id,
                scoring.contextEncoder().scoringRoles(networks.config().targetEncoderMode()), scoring.energyMeasure(),
                scoring.keepTokens(), batch, java.util.Objects.requireNonNull(cache, "cache"));
    }

    /**
     * @return per pair, the mean of the online encoder's tokens of its newest frame: the embeddings
     *     that {@link CollapseStatistics#of(float[][])} watches
     * @throws InvalidPairException if a pair does not fit the config
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized float[][] embed(List<PairSample> batch) {
        requireOpen();
        return PairScorer.embed(networks, batch);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this JepaInference is closed");
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
