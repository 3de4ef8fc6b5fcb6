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
 * A video source as a user names it on the command line ({@code --source}), with the stream id its
 * frames are keyed by.
 *
 * <p>Syntax: {@code [streamId=]location}.
 * <ul>
 *   <li>{@code location} is one of: a path to a file, relative or absolute ({@code videos/car.mp4});
 *       a {@code file:} URI ({@code file:/videos/car.mp4}, {@code file:///videos/car.mp4}); a network URI
 *       with scheme {@code rtsp, rtsps, rtmp, rtmps, http, https, udp, tcp, srt} or {@code rtp}
 *       ({@code rtsp://cam.local:554/stream1}); or {@code synthetic:} with optional query parameters
 *       ({@code synthetic:?seconds=30&fps=10&objects=3&seed=7}, see {@link SyntheticSettings}).</li>
 *   <li>{@code streamId=} is optional. The text before the first {@code =} is taken as a stream id only
 *       when it is made of letters, digits, {@code .}, {@code _} and {@code -} (so {@code cam1=rtsp://host/x}
 *       names the stream {@code cam1}, while the {@code =} inside {@code synthetic:?seconds=30} is part of the
 *       location). A file whose name contains {@code =} is written as {@code ./a=b.mp4} or as a
 *       {@code file:} URI.</li>
 *   <li>Default stream ids: a file's name without its extension ({@code car-detection}); host and path
 *       of a network URI ({@code cam.local/stream1}); {@code synthetic} for synthetic clips.</li>
 * </ul>
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

    private SourceSpec(String text, String streamId, SourceKind kind, String uri, Path path) {
        this.text = text;
        this.streamId = streamId;
        this.kind = kind;
        this.uri = uri;
        this.path = path;
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
            return file(text, Path.of(location));
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (name.equals("file")) {
            return file(text, filePath(location, scheme.group(2)));
        }
        if (name.equals("synthetic")) {
            return new SourceSpec(text, "synthetic", SourceKind.SYNTHETIC, location, null);
        }
        if (NETWORK_SCHEMES.contains(name)) {
            return network(text, location);
        }
        throw new SourceException(location + ": unsupported scheme '" + name + "'; use a file path, file:, "
                + String.join("://, ", NETWORK_SCHEMES.stream().sorted().toList()) + ":// or synthetic:");
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

    private static SourceSpec file(String text, Path raw) {
        Path absolute = raw.toAbsolutePath().normalize();
        Path fileName = absolute.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        int dot = name.lastIndexOf('.');
        String id = dot > 0 ? name.substring(0, dot) : name;
        return new SourceSpec(text, id.isEmpty() ? "file" : id, SourceKind.FILE, absolute.toUri().toString(), absolute);
    }

    private static SourceSpec network(String text, String location) {
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
        return new SourceSpec(text, id, SourceKind.NETWORK, location, null);
    }

    /** This source under another stream id. */
    public SourceSpec withStreamId(String id) {
        if (id == null || id.isBlank()) {
            throw new SourceException(text + ": stream id must not be blank");
        }
        return new SourceSpec(text, id, kind, uri, path);
    }

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
            default -> throw new IllegalStateException("unknown source kind " + kind);
        }
        return this;
    }

    private void validateFile() {
        if (!Files.exists(path)) {
            throw new SourceException(displayName() + ": no such file (" + path + ")");
        }
        if (Files.isDirectory(path)) {
            throw new SourceException(displayName() + ": is a directory, not a video file (" + path + ")");
        }
        if (!Files.isReadable(path)) {
            throw new SourceException(displayName() + ": not readable, permission denied (" + path + ")");
        }
    }

    /** The text this spec was parsed from. */
    public String text() {
        return text;
    }

    /** The stream id frames of this source are keyed by. */
    public String streamId() {
        return streamId;
    }

    /** File, network or synthetic. */
    public SourceKind kind() {
        return kind;
    }

    /** The URI frames come from: {@code file:///abs/x.mp4} for files, the URI as given otherwise. */
    public String uri() {
        return uri;
    }

    /** The absolute, normalised path of a file source; empty for other kinds. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** A short name for messages: the file name for files, the URI otherwise. */
    public String displayName() {
        if (path != null && path.getFileName() != null) {
            return path.getFileName().toString();
        }
        return uri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSpec s && streamId.equals(s.streamId) && kind == s.kind && uri.equals(s.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, kind, uri);
    }

    @Override
    public String toString() {
        return streamId + "=" + uri;
    }
}
