package io.vjepastream.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch engine, loaded once with thread settings that suit a small, shared CPU box.
 *
 * <p>Unless the caller set them: intra-op threads = the processors this JVM may use (both cores of a
 * 2-core machine work on every matrix product), inter-op threads = 1 (nothing here runs graph
 * branches in parallel; a second pool would only compete for the same cores), and the OpenMP
 * environment variable {@code OMP_WAIT_POLICY=PASSIVE}. The last one matters most: PyTorch's
 * OpenMP threads otherwise spin at every barrier, and when other processes share the cores a step
 * waits for a descheduled spinner; measured on a busy 2-core machine, two spinning threads were 4-5
 * times slower than one, while two passive threads were as fast as or faster than one. OpenMP
 * reads the variable when PyTorch's native library loads, so it is set in this process's C
 * environment (via JNA) before the engine loads; a value already in the environment is kept. If
 * another component loads the engine first, none of this applies.
 */
final class TorchRuntime {
    static final String ENGINE = "PyTorch";
    private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);
    private static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    private static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";
    private static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    private static Engine engine;

    private TorchRuntime() {
    }

    static synchronized Engine engine() {
        if (engine == null) {
            setIfAbsent(INTRA_OP, Integer.toString(Runtime.getRuntime().availableProcessors()));
            setIfAbsent(INTER_OP, "1");
            setEnvironmentIfAbsent(WAIT_POLICY, "PASSIVE");
            engine = Engine.getEngine(ENGINE);
        }
        return engine;
    }

    /** @return a new root manager on the CPU; the caller closes it */
    static NDManager newManager() {
        return engine().newBaseManager();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void setEnvironmentIfAbsent(String name, String value) {
        if (System.getenv(name) != null) {
            return;
        }
        try {
            CLibrary.INSTANCE.setenv(name, value, 0);
        } catch (LinkageError | RuntimeException e) {
            // Not fatal: the engine still works, it only spins at barriers.
            LOG.info("could not set {}={} for PyTorch's OpenMP threads: {}", name, value, e.toString());
        }
    }

    /** The one libc call needed: POSIX setenv. */
    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}
