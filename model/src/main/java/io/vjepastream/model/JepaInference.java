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
    private ContextEncoder contextEncoder = ContextEncoder.AS_TRAINED;
    private EnergyMeasure energyMeasure = EnergyMeasure.STANDARDISED;
    private boolean keepTokens = true;
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

    /**
     * Chooses the encoder of the predictor's context for the scores that follow (by default the one
     * it was trained on); see {@link ContextEncoder}.
     *
     * @return this model
     */
    public synchronized JepaInference contextEncoder(ContextEncoder encoder) {
        this.contextEncoder = java.util.Objects.requireNonNull(encoder, "encoder");
        return this;
    }

    /** @return the encoder of the predictor's context */
    public synchronized ContextEncoder contextEncoder() {
        return contextEncoder;
    }

    /**
     * Chooses how the scores that follow measure the energy ({@link EnergyMeasure#STANDARDISED} by default).
     *
     * @return this model
     */
    public synchronized JepaInference energyMeasure(EnergyMeasure measure) {
        this.energyMeasure = java.util.Objects.requireNonNull(measure, "measure");
        return this;
    }

    /** @return how the energy is measured */
    public synchronized EnergyMeasure energyMeasure() {
        return energyMeasure;
    }

    /**
     * Whether the scores that follow carry the newest frame's tokens ({@link Scored#tokens()}); they do
     * by default. Without them a reading skips copying {@code tokensPerFrame * encoderWidth} floats.
     *
     * @return this model
     */
    public synchronized JepaInference keepTokens(boolean keep) {
        this.keepTokens = keep;
        return this;
    }

    /**
     * @param batch pairs of {@code contextFrames} context and {@code targetFrames} target frames
     * @return one score per pair, in order; empty for an empty batch
     * @throws InvalidPairException if a pair has the wrong number of frames or a frame the wrong size
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized List<Scored> score(List<PairSample> batch) {
        requireOpen();
        return PairScorer.score(networks, batch, contextEncoder, energyMeasure, keepTokens);
    }

    /**
     * Scores like {@link #score(List)}, but as if the predictor foresaw no change: each target token is
     * forecast to be the newest context frame's token at the same place (the persistence forecast of
     * time-series practice), measured as {@link #energyMeasure()} says. A predictor that has learned
     * how the scene moves should tell anomalies from normal motion better than this forecast does;
     * {@code vjepa eval} reports both.
     *
     * @throws InvalidPairException if a pair does not fit the config
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized List<Scored> scorePersistence(List<PairSample> batch) {
        requireOpen();
        return PairScorer.scorePersistence(networks, batch, contextEncoder, energyMeasure, keepTokens);
    }

    /**
     * Scores like {@link #score(List)}, with the same energies, patch energies and embeddings, but takes
     * each frame's encoder tokens from {@code cache} where it holds them (keyed by stream and
     * timestamp, checked against the frame's bytes), encodes only the frames it lacks and keeps their
     * tokens there; the predictor and the energy then run for the whole batch in one pass. Consecutive
     * pairs of a stream share frames, so on a live stream most frames are encoded once instead of once
     * per pair. A cache last used with another model is emptied first.
     *
     * @param batch pairs with their stream and frame timestamps
     * @param cache the frame tokens to use and fill
     * @return one score per pair, in order, each with the newest frame's tokens unless
     *     {@link #keepTokens(boolean)} said otherwise; empty for an empty batch
     * @throws InvalidPairException if a pair has the wrong number of frames or a frame the wrong size
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized List<Scored> score(List<StreamPair> batch, FrameEncodings cache) {
        requireOpen();
        return CachedPairScorer.score(networks, id, contextEncoder.scoringRoles(networks.config().targetEncoderMode()),
                energyMeasure, keepTokens, batch, java.util.Objects.requireNonNull(cache, "cache"));
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
