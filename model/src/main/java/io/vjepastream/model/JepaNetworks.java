package io.vjepastream.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
    private static final Object SEED_LOCK = new Object();
    private static final float INIT_STD = 0.02f;

    private final JepaConfig config;
    private final NDManager manager;
    private final VisionEncoder online;
    private final VisionEncoder target;
    private final Predictor predictor;

    /** Builds the (uninitialised) structure for {@code config}. */
    JepaNetworks(JepaConfig config) {
        this.config = config;
        this.manager = TorchRuntime.newManager();
        this.online = new VisionEncoder(config);
        this.target = new VisionEncoder(config);
        this.predictor = new Predictor(config);
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
            networks.copyOnlineToTarget();
            networks.target.freezeParameters(true);
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
    VisionEncoder online() { return online; }
    VisionEncoder target() { return target; }
    Predictor predictor() { return predictor; }

    /** @return a manager for one step's temporaries; close it when the step ends */
    NDManager newStepManager() {
        return manager.newSubManager();
    }

    /** @return the weights the optimiser updates: online encoder, then predictor */
    List<Parameter> trainableParameters() {
        List<Parameter> params = new ArrayList<>(online.getParameters().values());
        params.addAll(predictor.getParameters().values());
        return params;
    }

    /** Lets gradients flow into the online encoder and predictor; the target encoder stays frozen. */
    void enableTraining() {
        online.freezeParameters(false);
        predictor.freezeParameters(false);
        target.freezeParameters(true);
    }

    /** Freezes every weight (scoring builds no autograd graph whatever the thread's grad mode). */
    void freezeAll() {
        online.freezeParameters(true);
        predictor.freezeParameters(true);
        target.freezeParameters(true);
    }

    /**
     * Online encoder over the context frames, then the predictor.
     *
     * @param contextPixels [B * contextFrames, 3, H, W]
     * @return predicted target tokens [B, targetFrames * T, D]
     */
    NDArray predict(ParameterStore store, NDArray contextPixels, int batch, boolean training) {
        NDArray tokens = online.forward(store, new NDList(contextPixels), training).singletonOrThrow();
        NDArray context = tokens.reshape(batch, (long) config.contextFrames() * config.tokensPerFrame(),
                config.encoderWidth());
        return predictor.forward(store, new NDList(context), training).singletonOrThrow();
    }

    /**
     * Target encoder over the target frames (no gradient: its weights are frozen).
     *
     * @param targetPixels [B * targetFrames, 3, H, W]
     * @return raw target tokens, before the target layer norm: [B, targetFrames * T, D]
     */
    NDArray encodeTargets(ParameterStore store, NDArray targetPixels, int batch) {
        NDArray tokens = target.forward(store, new NDList(targetPixels), false).singletonOrThrow();
        return tokens.reshape(batch, (long) config.targetFrames() * config.tokensPerFrame(), config.encoderWidth());
    }

    /**
     * Runs both passes on one blank pair, so that weights that do not fit the config fail here
     * rather than on the first real batch.
     */
    void checkShapes() {
        try (NDManager step = newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            int side = config.imageSize();
            NDArray context = step.zeros(new Shape(config.contextFrames(), JepaConfig.CHANNELS, side, side));
            NDArray targets = step.zeros(new Shape(config.targetFrames(), JepaConfig.CHANNELS, side, side));
            Shape expected = new Shape(1, (long) config.targetFrames() * config.tokensPerFrame(), config.encoderWidth());
            Shape predicted = predict(store, context, 1, false).getShape();
            Shape encoded = encodeTargets(store, targets, 1).getShape();
            if (!predicted.equals(expected) || !encoded.equals(expected)) {
                throw new IllegalStateException("outputs " + predicted + " and " + encoded + ", expected " + expected);
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
