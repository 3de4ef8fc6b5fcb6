package io.vjepastream.ingest.source;

import java.util.Locale;

/**
 * Parameters of a synthetic clip, read from a {@code synthetic:} URI's query:
 * {@code synthetic:?seconds=30&fps=10&objects=3&seed=7}. Keys may also follow the colon directly
 * ({@code synthetic:seconds=30}). Missing keys take the defaults: 60 seconds at 10 fps, 3 objects,
 * seed 1. {@code seconds=0} makes the clip endless.
 *
 * @param seconds clip length in seconds; 0 for an endless clip
 * @param fps frames per second
 * @param objects how many moving objects are drawn
 * @param seed fixes object shapes, colours, sizes, starting points and velocities
 */
public record SyntheticSettings(double seconds, double fps, int objects, long seed) {
    private static final String PREFIX = "synthetic:";
    private static final String KEYS = "seconds, fps, objects, seed";

    /** The default clip: 60 s at 10 fps with 3 objects, seed 1. */
    public static SyntheticSettings defaults() {
        return new SyntheticSettings(60, 10, 3, 1);
    }

    /** Checks the ranges. */
    public SyntheticSettings {
        check(Double.isFinite(seconds) && seconds >= 0, "seconds", seconds, "a number >= 0 (0 = endless)");
        check(Double.isFinite(fps) && fps > 0 && fps <= 1000, "fps", fps, "a number in (0, 1000]");
        check(objects >= 0 && objects <= 64, "objects", objects, "an integer in [0, 64]");
    }

    /** True when the clip never ends. */
    public boolean endless() {
        return seconds == 0;
    }

    /** Frames in the clip; {@link Long#MAX_VALUE} when endless. */
    public long frameCount() {
        return endless() ? Long.MAX_VALUE : Math.max(1, Math.round(seconds * fps));
    }

    /**
     * Reads the settings from a {@code synthetic:} URI.
     *
     * @throws SourceException naming the URI, the key and what is allowed
     */
    public static SyntheticSettings parse(String uri) {
        if (!uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new SourceException(uri + ": not a synthetic: URI");
        }
        String query = uri.substring(PREFIX.length());
        while (query.startsWith("/") || query.startsWith("?")) {
            query = query.substring(1);
        }
        SyntheticSettings d = defaults();
        double seconds = d.seconds();
        double fps = d.fps();
        int objects = d.objects();
        long seed = d.seed();
        try {
            for (String part : query.split("&")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new SourceException(uri + ": expected key=value but found '" + part + "'; keys: " + KEYS);
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).strip();
                switch (key) {
                    case "seconds" -> seconds = number(uri, key, value);
                    case "fps" -> fps = number(uri, key, value);
                    case "objects" -> objects = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, integer(uri, key, value)));
                    case "seed" -> seed = integer(uri, key, value);
                    default -> throw new SourceException(uri + ": unknown parameter '" + key + "'; keys: " + KEYS);
                }
            }
            return new SyntheticSettings(seconds, fps, objects, seed);
        } catch (IllegalArgumentException e) {
            // A value out of range, reported by the record's own checks.
            throw new SourceException(uri + ": " + e.getMessage(), e);
        }
    }

    private static double number(String uri, String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new SourceException(uri + ": " + key + " = '" + value + "' is not a number");
        }
    }

    private static long integer(String uri, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SourceException(uri + ": " + key + " = '" + value + "' is not an integer");
        }
    }

    private static void check(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("synthetic " + key + " = " + value + "; allowed: " + allowed);
        }
    }
}
