package io.vjepastream.model;

/**
 * Fixed 2-D sine-cosine position codes for a square token grid (MAE / I-JEPA style): the first half
 * of the features encodes the row, the second half the column, each as sines then cosines of the
 * coordinate at geometrically spaced frequencies.
 */
final class PositionCodes {
    private PositionCodes() {
    }

    /**
     * @param width features per token, a multiple of 4
     * @param grid tokens per side
     * @return row-major [grid * grid, width] values
     */
    static float[] sinCos2d(int width, int grid) {
        if (width % 4 != 0) {
            throw new IllegalArgumentException("position code width " + width + " is not a multiple of 4");
        }
        int quarter = width / 4;
        float[] codes = new float[grid * grid * width];
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                int base = (row * grid + col) * width;
                fill(codes, base, quarter, row);
                fill(codes, base + 2 * quarter, quarter, col);
            }
        }
        return codes;
    }

    private static void fill(float[] codes, int offset, int quarter, int position) {
        for (int i = 0; i < quarter; i++) {
            double omega = 1.0 / Math.pow(10000.0, (double) i / quarter);
            codes[offset + i] = (float) Math.sin(position * omega);
            codes[offset + quarter + i] = (float) Math.cos(position * omega);
        }
    }
}
