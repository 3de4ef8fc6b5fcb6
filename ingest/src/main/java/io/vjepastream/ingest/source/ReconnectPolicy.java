package io.vjepastream.ingest.source;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How a live source is brought back after it drops: exponential backoff with jitter. The n-th
 * consecutive attempt (from 0) waits {@code min(maxDelay, initialDelay * multiplier^n)}, scattered by
 * up to {@code ±jitter} of itself so that many cameras dropped by one network fault do not all
 * reconnect in the same instant.
 *
 * <p>Defaults: 0.5 s initial, 30 s at most, multiplier 2, jitter 0.2, unlimited attempts.
 *
 * @param initialDelay wait before the first attempt after a drop
 * @param maxDelay the longest wait between attempts
 * @param multiplier growth of the wait from one failed attempt to the next; at least 1
 * @param jitter fraction of each wait drawn at random, in [0, 1)
 * @param maxAttempts consecutive failed attempts before the stream is given up; 0 means never give up
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
                              int maxAttempts) {
    /** Checks every value, naming the one out of range. */
    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        check(!initialDelay.isNegative(), "initialDelay", initialDelay, "a duration >= 0");
        check(maxDelay.compareTo(initialDelay) >= 0, "maxDelay", maxDelay, "a duration >= initialDelay " + initialDelay);
        check(Double.isFinite(multiplier) && multiplier >= 1, "multiplier", multiplier, "a number >= 1");
        check(jitter >= 0 && jitter < 1, "jitter", jitter, "a number in [0, 1)");
        check(maxAttempts >= 0, "maxAttempts", maxAttempts, "an integer >= 0 (0 = unlimited)");
    }

    /** 0.5 s doubling up to 30 s, jitter 0.2, unlimited attempts. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2, 0);
    }

    /** The same policy giving up after this many consecutive failed attempts (0 = never). */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter, attempts);
    }

    /** True when attempts are limited and {@code failedAttempts} has reached the limit. */
    boolean exhausted(int failedAttempts) {
        return maxAttempts > 0 && failedAttempts >= maxAttempts;
    }

    /**
     * The wait before attempt {@code attempt} (0 for the first after a drop), in nanoseconds.
     *
     * @param random the jitter's source
     */
    long delayNanos(int attempt, Random random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt));
        double capped = Math.min(base, maxDelay.toNanos());
        double scattered = capped * (1 + jitter * (2 * random.nextDouble() - 1));
        return Math.max(0L, Math.min(maxDelay.toNanos(), Math.round(scattered)));
    }

    private static void check(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("invalid reconnect policy: " + key + " = " + value + "; allowed: "
                    + allowed);
        }
    }
}
