package io.vjepastream.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** STUB: the model module's owner replaces the bodies; the signatures are the contract. */
public final class JepaInference implements AutoCloseable {
    public static JepaInference load(Path checkpointDirectory) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }

    public JepaConfig config() {
        throw new UnsupportedOperationException("not built yet");
    }

    public List<Scored> score(List<PairSample> batch) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}
