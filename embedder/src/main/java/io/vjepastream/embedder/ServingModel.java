package io.vjepastream.embedder;

import io.vjepastream.model.JepaInference;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A loaded model with a reference count; the registry holds one reference while it serves. */
final class ServingModel {
    private static final Logger LOG = LoggerFactory.getLogger(ServingModel.class);

    final String version;
    final long versionNumber;
    final JepaInference inference;
    private final AtomicLong references = new AtomicLong(1);

    ServingModel(String version, long versionNumber, JepaInference inference) {
        this.version = version;
        this.versionNumber = versionNumber;
        this.inference = inference;
    }

    boolean retain() {
        long n;
        do {
            n = references.get();
            if (n == 0) {
                return false;
            }
        } while (!references.compareAndSet(n, n + 1));
        return true;
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                inference.close();
                LOG.info("closed model {}", version);
            } catch (RuntimeException e) {
                LOG.warn("closing model {} failed: {}", version, e.toString());
            }
        }
    }
}
