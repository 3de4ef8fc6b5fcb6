package io.vjepastream.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three networks of a JEPA model (online encoder, its EMA copy the target encoder, and the
 * predictor) with the native memory that holds their weights, and the two forward passes the
 * trainer and the scorer share.
 */
final class JepaNetworks implements AutoCloseable {
    /** Engine seeding is process-wide: seeded initialisations must not interleave. */
    static final Object SEED_LOCK = new Object();
    private static final float INIT_STD = 0.02f;

    private final JepaConfig config;
    private final NDManager manager;
    private final AbstractBlock online;
    private final AbstractBlock target;
    private final AbstractBlock predictor;

    /** Builds the (uninitialised) structure for {@code config}. */
    JepaNetworks(JepaConfig config) {
        this.config = config;
        this.manager = TorchRuntime.newManager();
        this.online = encoder(config);
        // without a target encoder, the online encoder stands in wherever target weights are read or written
        this.target = config.targetEncoderMode() == TargetEncoderMode.NONE ? online : encoder(config);
        this.predictor = config.predictorType().moves() ? new TransportPredictor(config) : new Predictor(config);
    }

    private static AbstractBlock encoder(JepaConfig config) {
        return switch (config.encoderType()) {
            case VIT -> new VisionEncoder(config);
            case CNN -> new ConvEncoder(config);
            case MLP -> new MlpEncoder(config);
        };
    }

    /**
     * @return networks with truncated-normal (std 0.02) weights drawn from {@code config.seed()},
     *     the target encoder an exact copy of the online encoder
     */
    static JepaNetworks create(JepaConfig config) {
        JepaNetworks networks = new JepaNetworks(config);
        try {
            synchronized (SEED_LOCK) {
                // DJL takes an int seed: fold the 64-bit one.
                networks.manager.getEngine().setRandomSeed(Long.hashCode(config.seed()));
                for (Block block : List.of(networks.online, networks.predictor)) {
                    block.setInitializer(new TruncatedNormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
                }
                networks.online.initialize(networks.manager, DataType.FLOAT32, networks.frameShape(1));
                networks.predictor.initialize(networks.manager, DataType.FLOAT32, networks.contextShape(1));
            }
            if (networks.hasTargetEncoder()) {
                networks.copyOnlineToTarget();
                networks.target.freezeParameters(true);
            }
            return networks;
        } catch (RuntimeException e) {
            networks.close();
            throw e;
        }
    }

    private void copyOnlineToTarget() {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialize(online)))) {
            target.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("copying the online encoder into the target encoder failed", e);
        }
    }

    /** @return the serialised weights of one network, as {@link Block#saveParameters} writes them */
    private static byte[] serialize(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("serialising " + block.getClass().getSimpleName() + " failed", e);
        }
        return bytes.toByteArray();
    }

    JepaConfig config() { return config; }
    NDManager manager() { return manager; }
    AbstractBlock online() { return online; }
    /** @return the EMA target encoder; the online encoder itself when the mode is {@code none} */
    AbstractBlock target() { return target; }
    boolean hasTargetEncoder() { return target != online; }
    AbstractBlock predictor() { return predictor; }

    /** @return a manager for one step's temporaries; close it when the step ends */
    NDManager newStepManager() {
        return manager.newSubManager();
    }

    /**
     * @return the weights the optimiser updates: online encoder, then predictor; the predictor alone
     *     when no loss reaches the online encoder ({@code default} mode without an auxiliary loss),
     *     so that weight decay does not shrink an encoder nothing trains
     */
    List<Parameter> trainableParameters() {
        List<Parameter> params = new ArrayList<>();
        if (onlineLearns()) {
            params.addAll(online.getParameters().values());
        }
        params.addAll(predictor.getParameters().values());
        return params;
    }

    private boolean onlineLearns() {
        return config.targetEncoderMode() != TargetEncoderMode.DEFAULT || config.auxLoss() != AuxLossType.NONE;
    }

    /** Lets gradients flow into the trainable weights; the target encoder stays frozen. */
    void enableTraining() {
        online.freezeParameters(!onlineLearns());
        predictor.freezeParameters(false);
        if (hasTargetEncoder()) {
            target.freezeParameters(true);
        }
    }

    /** Freezes every weight (scoring builds no autograd graph whatever the thread's grad mode). */
    void freezeAll() {
        online.freezeParameters(true);
        predictor.freezeParameters(true);
        target.freezeParameters(true);
    }

    /**
     * Runs the forward pass on one blank pair, so that weights that do not fit the config fail here
     * rather than on the first real batch.
     */
    void checkShapes() {
        int side = config.imageSize();
        byte[] blank = new byte[config.frameBytes()];
        List<byte[]> context = java.util.Collections.nCopies(config.contextFrames(), blank);
        List<byte[]> targets = java.util.Collections.nCopies(config.targetFrames(), blank);
        try (NDManager step = newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            List<PairSample> pair = List.of(new PairSample(context, targets));
            JepaForward.Output out = JepaForward.run(this, store, step, pair, false, false);
            Shape expected = new Shape(1, (long) config.targetFrames() * config.tokensPerFrame(),
                    config.encoderWidth());
            if (!out.predicted().getShape().equals(expected) || !out.targets().getShape().equals(expected)) {
                throw new IllegalStateException("outputs " + out.predicted().getShape() + " and "
                        + out.targets().getShape() + " for " + side + " px frames, expected " + expected);
            }
        }
    }

    Shape frameShape(long frames) {
        return new Shape(frames, JepaConfig.CHANNELS, config.imageSize(), config.imageSize());
    }

    Shape contextShape(long batch) {
        return new Shape(batch, (long) config.contextFrames() * config.tokensPerFrame(), config.encoderWidth());
    }

    @Override
    public void close() {
        manager.close();
    }
}
