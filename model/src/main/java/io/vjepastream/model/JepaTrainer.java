package io.vjepastream.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** STUB: the model module's owner replaces the bodies; the signatures are the contract. */
public final class JepaTrainer implements AutoCloseable {
    public JepaTrainer(JepaConfig config) {
        throw new UnsupportedOperationException("not built yet");
    }

    public JepaConfig config() {
        throw new UnsupportedOperationException("not built yet");
    }

    public long steps() {
        throw new UnsupportedOperationException("not built yet");
    }

    public StepResult step(List<PairSample> batch) {
        throw new UnsupportedOperationException("not built yet");
    }

    public void save(Path directory) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
