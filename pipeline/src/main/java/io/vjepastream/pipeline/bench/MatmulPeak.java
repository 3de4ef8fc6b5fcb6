package io.vjepastream.pipeline.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The fp32 matrix-multiply rate DJL's PyTorch engine reaches on this machine: repeated products of
 * two square matrices, timed after a warm-up. It is the practical peak that the model FLOPs
 * utilisation is measured against.
 */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    /**
     * @param size matrix side (1024 is large enough to reach the BLAS peak and small enough to be quick)
     * @param minSeconds keep multiplying at least this long
     * @return billions of floating-point operations per second (2 n^3 per product)
     */
    public static double gflops(int size, double minSeconds) {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(size, size));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(size, size));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            long count = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                a.matMul(b).close();
                count++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < minSeconds * 1e9 || count < 5);
            return 2.0 * size * size * (double) size * count / (elapsed / 1e9) / 1e9;
        }
    }
}
