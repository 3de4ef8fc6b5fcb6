package io.vjepastream.ingest.source;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest options of one source, written as the query of its location
 * ({@code rtsp://cam/live?transport=udp&timeout=5s}). Which keys a source takes depends on its kind:
 *
 * <ul>
 *   <li>files: {@code loop}, {@code realtime} (booleans: {@code 1/0, true/false, yes/no});</li>
 *   <li>network: {@code transport} ({@code tcp} or {@code udp}, RTSP only), {@code timeout} (connect and
 *       read limit: {@code 5s}, {@code 500ms} or seconds), {@code listen} (RTSP: wait for a client to push
 *       to this address), {@code format} (force FFmpeg's demuxer, e.g. {@code mpjpeg}, {@code mpegts});</li>
 *   <li>devices: {@code width}, {@code height}, {@code fps}, {@code format} (the camera's pixel format or
 *       codec, e.g. {@code mjpeg}, {@code yuyv422});</li>
 *   <li>image sequences: {@code fps} (default 10), {@code loop}, {@code realtime}.</li>
 * </ul>
 */
public final class SourceOptions {
    /** Keys read from a file location's query. */
    static final Set<String> FILE_KEYS = Set.of("loop", "realtime");
    /** Keys taken out of a network URI's query; every other query parameter is left for the server. */
    static final Set<String> NETWORK_KEYS = Set.of("transport", "timeout", "listen", "format");
    /** Keys of a {@code v4l2:} device. */
    static final Set<String> DEVICE_KEYS = Set.of("width", "height", "fps", "format");
    /** Keys of an {@code images:} sequence. */
    static final Set<String> IMAGE_KEYS = Set.of("fps", "loop", "realtime");

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)?");
    private static final SourceOptions NONE = new SourceOptions("", Map.of());

    private final String source;
    private final Map<String, String> values;

    private SourceOptions(String source, Map<String, String> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No options. */
    public static SourceOptions none() {
        return NONE;
    }

    /**
     * Checked options of a source.
     *
     * @param source the location, for messages
     * @param values key to raw value; keys must be in {@code allowed}
     * @throws SourceException naming the source, the key and what is allowed
     */
    static SourceOptions of(String source, Map<String, String> values, Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new SourceException(source + ": unknown option '" + key + "'; allowed here: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        SourceOptions options = new SourceOptions(source, values);
        options.validate();
        return options;
    }

    private void validate() {
        flag("loop");
        flag("realtime");
        flag("listen");
        timeout();
        transport();
        for (String key : new String[] {"width", "height"}) {
            integer(key).ifPresent(v -> require(v > 0, key, v, "a positive number of pixels"));
        }
        fps();
    }

    /** The raw value of a key, if given. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every option as given. */
    Map<String, String> asMap() {
        return values;
    }

    /** True when no option is set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A boolean option; absent is false. */
    public boolean flag(String key) {
        String raw = values.get(key);
        if (raw == null) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "", "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new SourceException(source + ": " + key + " = '" + raw
                    + "' is not a boolean; allowed: 1, 0, true, false, yes, no");
        };
    }

    /** The {@code timeout} option: how long a connect or read may block. */
    public Optional<Duration> timeout() {
        String raw = values.get("timeout");
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new SourceException(source + ": timeout = '" + raw + "'; allowed: a positive duration such as 5s,"
                    + " 500ms or 2.5 (seconds)");
        }
        double amount = Double.parseDouble(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofNanos(Math.round(amount * 1e6))
                : Duration.ofNanos(Math.round(amount * 1e9));
        require(!d.isZero(), "timeout", raw, "a positive duration");
        return Optional.of(d);
    }

    /** The RTSP {@code transport} option, lower case: {@code tcp} or {@code udp}. */
    public Optional<String> transport() {
        String raw = values.get("transport");
        if (raw == null) {
            return Optional.empty();
        }
        String t = raw.strip().toLowerCase(Locale.ROOT);
        require(t.equals("tcp") || t.equals("udp"), "transport", raw, "tcp or udp");
        return Optional.of(t);
    }

    /** The {@code fps} option: frames per second, positive and finite. */
    public Optional<Double> fps() {
        String raw = values.get("fps");
        if (raw == null) {
            return Optional.empty();
        }
        double v;
        try {
            v = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new SourceException(source + ": fps = '" + raw + "' is not a number");
        }
        require(Double.isFinite(v) && v > 0 && v <= 1000, "fps", raw, "a number of frames per second in (0, 1000]");
        return Optional.of(v);
    }

    /** An integer option. */
    public Optional<Integer> integer(String key) {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            throw new SourceException(source + ": " + key + " = '" + raw + "' is not an integer");
        }
    }

    private void require(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new SourceException(source + ": " + key + " = " + value + "; allowed: " + allowed);
        }
    }

    /** Splits {@code a=1&b=2} into keys (lower case) and values, in order; a bare key has the value "". */
    static Map<String, String> splitQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            out.put(key, eq < 0 ? "" : part.substring(eq + 1).strip());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceOptions s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
