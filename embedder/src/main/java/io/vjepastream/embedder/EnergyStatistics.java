package io.vjepastream.embedder;

import java.nio.ByteBuffer;

/**
 * One stream's running statistics of the energy: an exponentially weighted mean and variance and
 * the number of pairs seen. A pair's weight halves every {@code halfLife} pairs, so the statistics
 * follow slow drift (lighting, a continually trained model) while a sudden jump stands out.
 *
 * <p>The weight of a new value is {@code max(alpha, 1 / count)} with {@code alpha = 1 - 2^(-1/halfLife)}:
 * until about {@code 1/alpha} pairs have been seen the statistics are the plain mean and population
 * variance of everything so far, so the first pairs are not dominated by the very first value.
 *
 * <p>On a model swap the statistics are kept. Consecutive checkpoints of a continually trained model
 * give energies on a similar scale; resetting would re-open the warm-up and silence the anomaly flag
 * after every checkpoint, whereas kept statistics adapt to a new energy level within a half-life. The
 * price is that a swap to a very different model may give a few high z-scores at the switch.
 *
 * <p>Not thread-safe: one instance belongs to one stream and one processing thread.
 */
public final class EnergyStatistics {
    /** Bytes of {@link #toBytes()}: a format byte, the count, the mean and the variance. */
    public static final int SERIALIZED_SIZE = 1 + 3 * Long.BYTES;
    private static final byte FORMAT = 1;
    /**
     * The standard deviation used for a z-score is at least this fraction of the mean, so a stream whose
     * energy has been perfectly constant yields a large but finite z-score for a change, not infinity.
     */
    private static final double MIN_RELATIVE_STD = 1e-3;
    private static final double MIN_STD = 1e-12;

    private final double alpha;
    private long count;
    private double mean;
    private double variance;

    private EnergyStatistics(double halfLife, long count, double mean, double variance) {
        if (!(halfLife >= 1) || Double.isInfinite(halfLife)) {
            throw new IllegalArgumentException("energy statistics half-life " + halfLife + " must be finite and >= 1 pair");
        }
        this.alpha = 1 - Math.pow(2, -1 / halfLife);
        this.count = count;
        this.mean = mean;
        this.variance = variance;
    }

    /** Statistics of a stream that has not been scored yet. */
    public static EnergyStatistics empty(double halfLife) {
        return new EnergyStatistics(halfLife, 0, 0, 0);
    }

    /**
     * Reads statistics written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException when the bytes are not such statistics
     */
    public static EnergyStatistics fromBytes(byte[] bytes, double halfLife) {
        if (bytes == null || bytes.length != SERIALIZED_SIZE || bytes[0] != FORMAT) {
            String got = bytes == null ? "null" : bytes.length == 0 ? "0 bytes" : bytes.length + " bytes of format " + bytes[0];
            throw new IllegalArgumentException("energy statistics must be " + SERIALIZED_SIZE + " bytes of format " + FORMAT
                    + " but got " + got);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SERIALIZED_SIZE - 1);
        long count = buffer.getLong();
        double mean = buffer.getDouble();
        double variance = buffer.getDouble();
        if (count < 0 || !Double.isFinite(mean) || !(variance >= 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("energy statistics are corrupt: count " + count + ", mean " + mean
                    + ", variance " + variance);
        }
        return new EnergyStatistics(halfLife, count, mean, variance);
    }

    /** The statistics as {@link #SERIALIZED_SIZE} bytes, big-endian. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(SERIALIZED_SIZE).put(FORMAT).putLong(count).putDouble(mean).putDouble(variance).array();
    }

    /**
     * Adds one energy and returns its z-score against the statistics as they were before it: how many
     * standard deviations it lies above the mean. Zero while fewer than two values have been seen, as
     * there is no spread to measure against yet.
     *
     * @throws IllegalArgumentException for a NaN or infinite energy, which would poison the statistics
     */
    public double update(double energy) {
        if (!Double.isFinite(energy)) {
            throw new IllegalArgumentException("energy " + energy + " is not a finite number");
        }
        double z = zScore(energy);
        count++;
        double weight = Math.max(alpha, 1.0 / count);
        double diff = energy - mean;
        double increment = weight * diff;
        mean += increment;
        variance = (1 - weight) * (variance + diff * increment);
        return z;
    }

    /** The z-score {@code energy} would get now, without changing anything. */
    public double zScore(double energy) {
        if (count < 2) {
            return 0;
        }
        double std = Math.max(Math.sqrt(variance), Math.max(MIN_RELATIVE_STD * Math.abs(mean), MIN_STD));
        return (energy - mean) / std;
    }

    /** The number of energies seen. */
    public long count() {
        return count;
    }

    /** The weighted mean energy. */
    public double mean() {
        return mean;
    }

    /** The weighted (population) variance of the energy. */
    public double variance() {
        return variance;
    }

    @Override
    public String toString() {
        return "EnergyStatistics{count=" + count + ", mean=" + mean + ", variance=" + variance + "}";
    }
}
