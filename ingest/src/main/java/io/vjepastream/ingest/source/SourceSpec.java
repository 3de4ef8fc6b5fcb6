package io.vjepastream.ingest.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A video source as a user names it on the command line ({@code --source}) or in a config file, with
 * the stream id its frames are keyed by and its ingest options.
 *
 * <p>Syntax: {@code [streamId=]location[?option=value&...]}. Locations:
 * <ul>
 *   <li><b>files</b> of any container FFmpeg reads (mp4, mkv, avi, webm, mov, MPEG-TS, ...): a path,
 *       relative or absolute ({@code videos/car.mp4}), or a {@code file:} URI ({@code file:/videos/car.mp4},
 *       {@code file:///videos/car.mp4}). Options {@code loop=1} (start again at the end, endless) and
 *       {@code realtime=1} (pace to the file's own frame rate; {@code --realtime} does it for every file):
 *       {@code videos/car.mp4?loop=1&realtime=1}.</li>
 *   <li><b>network streams</b> with scheme {@code rtsp, rtsps, rtmp, rtmps, http, https, udp, tcp, srt} or
 *       {@code rtp}: RTSP cameras, HLS playlists, MJPEG and MPEG-TS over HTTP. Options {@code transport=tcp|udp}
 *       (RTSP; default tcp), {@code timeout=5s} (connect and read limit; default the ingest open timeout),
 *       {@code listen=1} (RTSP: wait for a client to push to this address instead of pulling),
 *       {@code format=mpjpeg} (force FFmpeg's demuxer). These keys are taken out of the URI; any other query
 *       parameter ({@code ?token=...}) is left for the server:
 *       {@code rtsp://10.0.0.5:554/stream1?transport=udp&timeout=3s}.</li>
 *   <li><b>cameras</b>: {@code v4l2:///dev/videoN} through FFmpeg's video4linux2 input, with optional
 *       {@code width}, {@code height}, {@code fps} and {@code format} (the camera's pixel format or codec,
 *       e.g. {@code mjpeg}, {@code yuyv422}): {@code v4l2:///dev/video0?width=640&height=480&fps=30&format=mjpeg}.</li>
 *   <li><b>image sequences</b>: {@code images:} and a directory (every {@code .png}, {@code .jpg},
 *       {@code .jpeg} in it, in name order) or a glob ({@code images:/data/ep1/frame_*.png}), with {@code fps}
 *       (default 10), {@code loop} and {@code realtime}: {@code images:/data/ep1?fps=15}.</li>
 *   <li><b>synthetic clips</b>: {@code synthetic:} with optional parameters
 *       ({@code synthetic:?seconds=30&fps=10&objects=3&seed=7}, see {@link SyntheticSettings}).</li>
 * </ul>
 * Network streams and cameras are live: when they drop, or are not up at the start, they are (re)connected
 * with backoff. Files, image sequences and synthetic clips end by themselves unless looped.
 *
 * <p>{@code streamId=} is optional. The text before the first {@code =} is taken as a stream id only when
 * it is made of letters, digits, {@code .}, {@code _} and {@code -} (so {@code cam1=rtsp://host/x} names the
 * stream {@code cam1}, while the {@code =} inside {@code synthetic:?seconds=30} is part of the location). A
 * file whose name contains {@code =} is written as {@code ./a=b.mp4} or as a {@code file:} URI. Default
 * stream ids: a file's name without its extension ({@code car-detection}); host and path of a network URI
 * ({@code cam.local/stream1}); the device name ({@code video0}); the image directory's name;
 * {@code synthetic} for synthetic clips.
 */
public final class SourceSpec {
    private static final Pattern STREAM_ID_PREFIX = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)", Pattern.DOTALL);
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):(.*)", Pattern.DOTALL);
    private static final Set<String> NETWORK_SCHEMES =
            Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp", "tcp", "srt", "rtp");

    private final String text;
    private final String streamId;
    private final SourceKind kind;
    private final String uri;
    private final Path path;
    private final SourceOptions options;

    private SourceSpec(String text, String streamId, SourceKind kind, String uri, Path path) {
        this(text, streamId, kind, uri, path, SourceOptions.none());
    }

    private SourceSpec(String text, String streamId, SourceKind kind, String uri, Path path, SourceOptions options) {
        this.text = text;
        this.streamId = streamId;
        this.kind = kind;
        this.uri = uri;
        this.path = path;
        this.options = options;
    }

    /**
     * Parses {@code [streamId=]location}; does not touch the file system or the network.
     *
     * @throws SourceException when the text is empty or names an unsupported scheme
     */
    public static SourceSpec parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").strip();
        if (trimmed.isEmpty()) {
            throw new SourceException("empty source: expected a file path or a URI such as file:/videos/a.mp4,"
                    + " rtsp://host/stream or synthetic:");
        }
        String id = null;
        String location = trimmed;
        Matcher prefix = STREAM_ID_PREFIX.matcher(trimmed);
        if (prefix.matches()) {
            id = prefix.group(1);
            location = prefix.group(2).strip();
        }
        SourceSpec spec = parseLocation(trimmed, location);
        return id == null ? spec : spec.withStreamId(id);
    }

    private static SourceSpec parseLocation(String text, String location) {
        Matcher scheme = SCHEME.matcher(location);
        if (!scheme.matches()) {
            return file(text, location, null);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (name.equals("file")) {
            return file(text, location, scheme.group(2));
        }
        if (name.equals("synthetic")) {
            return new SourceSpec(text, "synthetic", SourceKind.SYNTHETIC, location, null,
                    SyntheticSettings.pacing(location));
        }
        if (name.equals("v4l2")) {
            return DeviceAndImageSpecs.device(text, location, scheme.group(2));
        }
        if (name.equals("images")) {
            return DeviceAndImageSpecs.images(text, location, scheme.group(2));
        }
        if (NETWORK_SCHEMES.contains(name)) {
            return network(text, location);
        }
        throw new SourceException(location + ": unsupported scheme '" + name + "'; use a file path, file:, "
                + String.join("://, ", NETWORK_SCHEMES.stream().sorted().toList())
                + "://, v4l2:///dev/videoN, images:DIR or synthetic:");
    }

    /** A spec of any kind, for the parsers of device and image locations. */
    static SourceSpec of(String text, String streamId, SourceKind kind, String uri, SourceOptions options) {
        return new SourceSpec(text, streamId, kind, uri, null, options);
    }

    /**
     * Splits {@code location?query} when every key of the query is one of {@code keys}; otherwise the
     * {@code ?} is part of the location and there are no options.
     */
    private static String[] splitOptions(String location, Set<String> keys) {
        int q = location.lastIndexOf('?');
        if (q < 0) {
            return new String[] {location, ""};
        }
        String query = location.substring(q + 1);
        if (!keys.containsAll(SourceOptions.splitQuery(query).keySet())) {
            return new String[] {location, ""};
        }
        return new String[] {location.substring(0, q), query};
    }

    private static Path filePath(String location, String rest) {
        try {
            return Path.of(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a well-formed file URI (spaces, relative "file:x.mp4"): take the rest as a plain path.
            String raw = rest.startsWith("//") ? rest.substring(2) : rest;
            if (raw.isEmpty()) {
                throw new SourceException(location + ": file URI names no file");
            }
            return Path.of(raw);
        }
    }

    private static SourceSpec file(String text, String location, String uriRest) {
        String[] parts = splitOptions(location, SourceOptions.FILE_KEYS);
        String bare = parts[0];
        Path raw;
        if (uriRest == null) {
            raw = Path.of(bare);
        } else {
            raw = filePath(bare, bare.substring(bare.indexOf(':') + 1));
        }
        SourceOptions options = SourceOptions.of(bare, SourceOptions.splitQuery(parts[1]), SourceOptions.FILE_KEYS);
        Path absolute = raw.toAbsolutePath().normalize();
        Path fileName = absolute.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        int dot = name.lastIndexOf('.');
        String id = dot > 0 ? name.substring(0, dot) : name;
        return new SourceSpec(text, id.isEmpty() ? "file" : id, SourceKind.FILE, absolute.toUri().toString(), absolute,
                options);
    }

    private static SourceSpec network(String text, String given) {
        String[] parts = NetworkQuery.split(given);
        String location = parts[0];
        SourceOptions options = SourceOptions.of(location, SourceOptions.splitQuery(parts[1]),
                SourceOptions.NETWORK_KEYS);
        URI parsed;
        try {
            parsed = new URI(location);
        } catch (URISyntaxException e) {
            throw new SourceException(location + ": not a valid URI: " + e.getReason());
        }
        String host = parsed.getHost() == null ? "" : parsed.getHost();
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        String id = (host + path).replaceAll("/+$", "");
        if (id.isEmpty()) {
            id = parsed.getSchemeSpecificPart().replaceAll("^/+", "").replaceAll("/+$", "");
        }
        if (id.isEmpty()) {
            throw new SourceException(location + ": network URI names no host");
        }
        return new SourceSpec(text, id, SourceKind.NETWORK, location, null, options);
    }

    /** This source under another stream id. */
    public SourceSpec withStreamId(String id) {
        if (id == null || id.isBlank()) {
            throw new SourceException(text + ": stream id must not be blank");
        }
        return new SourceSpec(text, id, kind, uri, path, options);
    }

    /** The ingest options given in the location's query; for synthetic clips only {@code realtime}. */
    public SourceOptions options() { return options; }

    /** True for a {@code synthetic:} clip, whose ground truth ({@link SyntheticSettings}) is known. */
    public boolean synthetic() { return kind == SourceKind.SYNTHETIC; }

    /** True for network streams and cameras: endless, reconnected when they drop. */
    public boolean live() { return kind.live(); }

    /** True when the options ask for the source to start again at its end. */
    public boolean looped() { return (kind == SourceKind.FILE || kind == SourceKind.IMAGES) && options.flag("loop"); }

    /**
     * Checks what can be checked without opening the source: a file exists, is a regular file and is
     * readable; synthetic parameters are valid. Network sources are only checked when opened.
     *
     * @return this spec
     * @throws SourceException one line naming the file and the reason
     */
    public SourceSpec validate() {
        switch (kind) {
            case FILE -> validateFile();
            case SYNTHETIC -> SyntheticSettings.parse(uri);
            case NETWORK -> { }
            case DEVICE -> DeviceAndImageSpecs.validateDevice(this);
            case IMAGES -> ImageFiles.list(this);
            default -> throw new IllegalStateException("unknown source kind " + kind);
        }
        return this;
    }

    private void validateFile() {
        if (!Files.exists(path)) {
            throw new SourceException(displayName() + ": no such file (" + path + ")");
        }
        if (Files.isDirectory(path)) {
            throw new SourceException(displayName() + ": is a directory, not a video file (" + path
                    + "); for an image sequence use images:" + path);
        }
        if (!Files.isReadable(path)) {
            throw new SourceException(displayName() + ": not readable, permission denied (" + path + ")");
        }
    }

    /** The text this spec was parsed from. */
    public String text() { return text; }

    /** The stream id frames of this source are keyed by. */
    public String streamId() { return streamId; }

    /** File, network or synthetic. */
    SourceKind kind() {
        return kind;
    }

    /** The URI frames come from: {@code file:///abs/x.mp4} for files, the URI as given otherwise. */
    public String uri() { return uri; }

    /** The absolute, normalised path of a file source; empty for other kinds. */
    public Optional<Path> path() { return Optional.ofNullable(path); }

    /** A short name for messages: the file name for files, the URI otherwise. */
    String displayName() {
        if (path != null && path.getFileName() != null) {
            return path.getFileName().toString();
        }
        return uri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSpec s && streamId.equals(s.streamId) && kind == s.kind && uri.equals(s.uri)
                && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, kind, uri, options);
    }

    @Override
    public String toString() {
        return streamId + "=" + uri;
    }
}
