package io.vjepastream.ingest.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parameters of a synthetic clip, read from a {@code synthetic:} URI's query:
 * {@code synthetic:?seconds=30&fps=10&objects=3&seed=7&anomalies=teleport,vanish,colour&anomaly_every=4}.
 * Keys may also follow the colon directly ({@code synthetic:seconds=30}). Missing keys take the
 * defaults: 60 seconds at 10 fps, 3 objects, seed 1, no anomalies. {@code seconds=0} makes the clip
 * endless.
 *
 * <p>Planted anomalies: with a non-empty {@code anomalies} list, one anomaly happens every
 * {@code anomaly_every} seconds (the first after one interval), cycling through the listed kinds in
 * order, each to one object chosen by the seed. A {@code vanish} and a {@code stall} last
 * {@code vanish_seconds}. {@code hues}, {@code scale} and {@code speed} set the objects' hue band and
 * size and speed factors (see {@link ObjectRanges}).
 *
 * @param seconds clip length in seconds; 0 for an endless clip
 * @param fps frames per second
 * @param objects how many moving objects are drawn
 * @param seed fixes object shapes, colours, sizes, starting points and velocities, and the anomalies
 * @param anomalies the kinds of anomaly planted, in the order they take turns; empty for none
 * @param anomalyEverySeconds seconds between planted anomalies
 * @param vanishSeconds how long a vanished object stays invisible, and a stalled one still
 * @param look the objects' hue band and size and speed factors ({@code hues=0-0.5&scale=1.2&speed=0.8})
 */
public record SyntheticSettings(double seconds, double fps, int objects, long seed,
                                List<PlantedAnomaly> anomalies, double anomalyEverySeconds,
                                double vanishSeconds, ObjectRanges look) {
    private static final String PREFIX = "synthetic:";
    private static final String KEYS =
            "seconds, fps, objects, seed, anomalies, anomaly_every, vanish_seconds, hues, scale, speed, realtime";
    /** Default seconds between planted anomalies. */
    static final double DEFAULT_ANOMALY_EVERY = 4.0;
    /** Default seconds a vanished object stays invisible. */
    static final double DEFAULT_VANISH_SECONDS = 1.0;

    /** The default clip: 60 s at 10 fps with 3 objects, seed 1, no anomalies. */
    public static SyntheticSettings defaults() {
        return new SyntheticSettings(60, 10, 3, 1);
    }

    /** A clip without planted anomalies. */
    SyntheticSettings(double seconds, double fps, int objects, long seed) {
        this(seconds, fps, objects, seed, List.of(), DEFAULT_ANOMALY_EVERY, DEFAULT_VANISH_SECONDS);
    }

    /** A clip of objects of every hue, of the default sizes and speeds. */
    SyntheticSettings(double seconds, double fps, int objects, long seed, List<PlantedAnomaly> anomalies,
            double anomalyEverySeconds, double vanishSeconds) {
        this(seconds, fps, objects, seed, anomalies, anomalyEverySeconds, vanishSeconds, ObjectRanges.DEFAULT);
    }

    /** Checks the ranges. */
    public SyntheticSettings {
        check(Double.isFinite(seconds) && seconds >= 0, "seconds", seconds, "a number >= 0 (0 = endless)");
        check(Double.isFinite(fps) && fps > 0 && fps <= 1000, "fps", fps, "a number in (0, 1000]");
        check(objects >= 0 && objects <= 64, "objects", objects, "an integer in [0, 64]");
        anomalies = List.copyOf(anomalies);
        check(Double.isFinite(anomalyEverySeconds) && anomalyEverySeconds > 0, "anomaly_every",
                anomalyEverySeconds, "a number of seconds > 0");
        check(Double.isFinite(vanishSeconds) && vanishSeconds > 0 && vanishSeconds < anomalyEverySeconds,
                "vanish_seconds", vanishSeconds, "a number of seconds > 0 and below anomaly_every");
        check(anomalies.isEmpty() || objects > 0, "anomalies", anomalies, "none when objects = 0");
        java.util.Objects.requireNonNull(look, "look");
    }

    /** This clip with other anomaly settings. */
    SyntheticSettings withAnomalies(List<PlantedAnomaly> kinds, double everySeconds, double vanish) {
        return new SyntheticSettings(seconds, fps, objects, seed, kinds, everySeconds, vanish, look);
    }

    /** True when the clip never ends. */
    public boolean endless() {
        return seconds == 0;
    }

    /** Frames in the clip; {@link Long#MAX_VALUE} when endless. */
    public long frameCount() {
        return endless() ? Long.MAX_VALUE : Math.max(1, Math.round(seconds * fps));
    }

    /** The ingest option a synthetic clip takes beside its scene's: {@code realtime}, to pace it or not. */
    static SourceOptions pacing(String location) {
        int query = location.indexOf('?');
        Map<String, String> pacing = new HashMap<>();
        for (String part : location.substring(query + 1).split("&")) {
            int eq = part.indexOf('=');
            if (query >= 0 && eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase("realtime")) {
                pacing.put("realtime", part.substring(eq + 1).strip());
            }
        }
        return pacing.isEmpty() ? SourceOptions.none() : SourceOptions.of(location, pacing, Set.of("realtime"));
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
        List<PlantedAnomaly> anomalies = d.anomalies();
        double every = d.anomalyEverySeconds();
        double vanish = d.vanishSeconds();
        double hueLow = 0;
        double hueHigh = 1;
        double scale = 1;
        double speed = 1;
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
                    case "anomalies" -> anomalies = kinds(uri, value);
                    case "anomaly_every" -> every = number(uri, key, value);
                    case "vanish_seconds" -> vanish = number(uri, key, value);
                    case "hues" -> {
                        int dash = value.indexOf('-', 1);
                        if (dash < 0) {
                            throw new SourceException(uri + ": hues = '" + value + "'; allowed: LOW-HIGH, e.g. 0-0.5");
                        }
                        hueLow = number(uri, key, value.substring(0, dash));
                        hueHigh = number(uri, key, value.substring(dash + 1));
                    }
                    case "scale" -> scale = number(uri, key, value);
                    case "speed" -> speed = number(uri, key, value);
                    case "realtime" -> {
                        // how ingest paces the clip (SourceSpec's options), not part of the scene
                    }
                    default -> throw new SourceException(uri + ": unknown parameter '" + key + "'; keys: " + KEYS);
                }
            }
            return new SyntheticSettings(seconds, fps, objects, seed, anomalies, every, vanish,
                    new ObjectRanges(hueLow, hueHigh, scale, speed));
        } catch (IllegalArgumentException e) {
            // A value out of range, reported by the record's own checks.
            throw new SourceException(uri + ": " + e.getMessage(), e);
        }
    }

    /** The kinds in a comma-separated list such as {@code teleport,vanish,colour}; {@code none} for none. */
    private static List<PlantedAnomaly> kinds(String uri, String value) {
        Set<PlantedAnomaly> kinds = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                kinds.add(PlantedAnomaly.parse(trimmed));
            } catch (IllegalArgumentException e) {
                throw new SourceException(uri + ": anomalies: " + e.getMessage());
            }
        }
        return new ArrayList<>(kinds);
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
