package io.vjepastream.embedder;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.records.CheckpointEvent;
import java.io.IOException;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the model the embedder scores with and swaps in newer checkpoints as they are announced.
 *
 * <p>Versions are named {@code "<modelId>-v<version>"} from the {@link CheckpointEvent}, for example
 * {@code "tiny-v12"}; that string is stamped on every output. A checkpoint is loaded only when its
 * version number is higher than the current one (and, when a model id is configured, only for that
 * model). Loading runs on the caller's thread, which is the checkpoint watcher's, never a scoring
 * thread; the new model replaces the old one in a single atomic step, so each record is scored
 * entirely by one model. A model is closed once it has been replaced and no {@link Lease} on it is
 * open (reference counting), so a record being scored never loses its model under it.
 *
 * <p>A checkpoint that cannot be loaded is logged with its uri and the reason; the current model keeps
 * serving. So is a checkpoint whose model is incompatible with the serving one: another frame size,
 * patch size, number of context or target frames, or embedding width would change what the embedder
 * accepts or what its consumers receive, so it is loaded, found different, closed and refused.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    /** Opens a checkpoint directory; {@link JepaInference#load} in production. */
    @FunctionalInterface
    public interface Loader {
        /** Loads the checkpoint in {@code directory}. */
        JepaInference load(Path directory) throws IOException;
    }

    private final String modelIdFilter;
    private final Loader loader;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    private final CountDownLatch firstModel = new CountDownLatch(1);
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong loadFailures = new AtomicLong();
    private volatile String lastLoadFailure;
    private volatile boolean closed;
    private volatile String lastInstalled;
    private volatile Consumer<String> swapListener = version -> { };

    /**
     * A registry that serves checkpoints of {@code modelId}, or of any model when it is empty.
     */
    public ModelRegistry(String modelId) {
        this(modelId, JepaInference::load);
    }

    /** A registry with its own way of opening checkpoints. */
    public ModelRegistry(String modelId, Loader loader) {
        this.modelIdFilter = modelId == null ? "" : modelId;
        this.loader = loader;
    }

    /** The version name stamped on outputs for a checkpoint event. */
    public static String versionName(CheckpointEvent event) {
        return event.getModelId() + "-v" + event.getVersion();
    }

    /**
     * Considers one checkpoint event: loads it when it is newer than the current model and swaps it in.
     * Calls are serialised, so two events are never loaded at once.
     *
     * @return true when the event's model is now serving
     */
    public synchronized boolean offer(CheckpointEvent event) {
        if (closed) {
            return false;
        }
        if (!modelIdFilter.isEmpty() && !modelIdFilter.equals(event.getModelId())) {
            LOG.debug("ignoring checkpoint {}: this embedder serves model {}", versionName(event), modelIdFilter);
            return false;
        }
        ServingModel serving = current.get();
        if (serving != null && event.getVersion() <= serving.versionNumber) {
            LOG.debug("ignoring checkpoint {}: {} is serving already", versionName(event), serving.version);
            return false;
        }
        JepaInference inference;
        try {
            Path directory = Path.of(URI.create(event.getUri()));
            verify(directory, event.getSha256());
            inference = loader.load(directory);
        } catch (IOException | RuntimeException e) {
            refuse(event, "cannot load checkpoint " + versionName(event) + " from " + event.getUri() + ": " + e, serving);
            return false;
        }
        if (serving != null) {
            String difference = incompatibility(serving.inference.config(), inference.config());
            if (difference != null) {
                inference.close();
                refuse(event, "refusing checkpoint " + versionName(event) + " from " + event.getUri()
                        + ": its model is incompatible with the serving " + serving.version + " (" + difference + ")", serving);
                return false;
            }
        }
        install(new ServingModel(versionName(event), event.getVersion(), inference));
        return true;
    }

    private void refuse(CheckpointEvent event, String reason, ServingModel serving) {
        loadFailures.incrementAndGet();
        lastLoadFailure = reason;
        LOG.warn("{}; {} keeps serving", reason, serving == null ? "no model" : serving.version);
    }

    /** What makes {@code next} unable to replace {@code current}, or null when it can. */
    static String incompatibility(JepaConfig current, JepaConfig next) {
        List<String> differences = new ArrayList<>();
        compare(differences, "image size", current.imageSize(), next.imageSize());
        compare(differences, "patch size", current.patchSize(), next.patchSize());
        compare(differences, "context frames", current.contextFrames(), next.contextFrames());
        compare(differences, "target frames", current.targetFrames(), next.targetFrames());
        compare(differences, "embedding width", current.encoderWidth(), next.encoderWidth());
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static void compare(List<String> differences, String what, int current, int next) {
        if (current != next) {
            differences.add(what + " " + next + " where the serving model has " + current);
        }
    }

    /**
     * Refuses a checkpoint whose files do not match its manifest, or whose manifest is not the one
     * announced: a partly copied, altered or mislabelled checkpoint never reaches the loader.
     */
    private static void verify(Path directory, String announcedSha256) throws IOException {
        String expected = announcedSha256 == null || announcedSha256.isBlank() ? null : announcedSha256;
        List<String> problems = CheckpointManifest.verify(directory, expected);
        if (!problems.isEmpty()) {
            throw new IOException("checkpoint failed verification: " + String.join("; ", problems));
        }
    }

    private void install(ServingModel model) {
        ServingModel previous = current.getAndSet(model);
        lastInstalled = model.version;
        loads.incrementAndGet();
        LOG.info("serving model {}{}", model.version, previous == null ? "" : " (replaces " + previous.version + ")");
        firstModel.countDown();
        if (previous != null) {
            previous.release();
        }
        swapListener.accept(model.version);
    }

    /**
     * Calls {@code listener} with the version name of every model swapped in from now on (and of the one
     * serving now, if any), on the thread that loaded it; replaces the previous listener.
     */
    public void onSwap(Consumer<String> listener) {
        swapListener = java.util.Objects.requireNonNull(listener, "listener");
        currentVersion().ifPresent(listener);
    }

    /** Waits until a model is serving; true if one is, false when the wait ran out or the registry closed. */
    public boolean awaitModel(Duration timeout) throws InterruptedException {
        return firstModel.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && current.get() != null;
    }

    /** The version name of the serving model, if any. */
    public Optional<String> currentVersion() {
        ServingModel serving = current.get();
        return serving == null ? Optional.empty() : Optional.of(serving.version);
    }

    /** The version name of the model swapped in last, if any; unlike {@link #currentVersion()}, kept after close. */
    public Optional<String> lastInstalledVersion() {
        return Optional.ofNullable(lastInstalled);
    }

    /** Checkpoints loaded and swapped in since start. */
    public long loads() {
        return loads.get();
    }

    /** Checkpoints that could not be loaded, or were refused, since start. */
    public long loadFailures() {
        return loadFailures.get();
    }

    /** Why the most recent refused checkpoint was refused, if any was. */
    public Optional<String> lastLoadFailure() {
        return Optional.ofNullable(lastLoadFailure);
    }

    /**
     * Borrows the serving model; close the lease when the record is done. The model stays open while
     * the lease is, even if a newer one is swapped in meanwhile.
     *
     * @throws IllegalStateException when no model has been loaded yet or the registry is closed
     */
    public Lease lease() {
        while (true) {
            ServingModel serving = current.get();
            if (serving == null) {
                throw new IllegalStateException(closed ? "model registry is closed" : "no checkpoint has been loaded yet");
            }
            if (serving.retain()) {
                return new Lease(serving);
            }
            // The model was released between the read and the retain: a newer one is in place, read again.
        }
    }

    /** Runs {@code work} with a lease on the serving model and returns what it returns. */
    public <T> T use(Function<Lease, T> work) {
        try (Lease lease = lease()) {
            return work.apply(lease);
        }
    }

    /** Stops taking checkpoints and closes the serving model once its last lease is closed. */
    @Override
    public void close() {
        ServingModel last;
        synchronized (this) {
            closed = true;
            last = current.getAndSet(null);
        }
        firstModel.countDown();
        if (last != null) {
            last.release();
        }
    }

    /**
     * One borrowed model and its version name, both fixed for the lease's life. Closing twice is harmless.
     */
    public static final class Lease implements AutoCloseable {
        private final ServingModel model;
        private boolean released;

        private Lease(ServingModel model) {
            this.model = model;
        }

        /** The model to score with. */
        public JepaInference inference() {
            return model.inference;
        }

        /** The version name to stamp on what this model produced. */
        public String version() {
            return model.version;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                model.release();
            }
        }
    }
}
