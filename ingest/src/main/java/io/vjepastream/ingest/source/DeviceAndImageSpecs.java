package io.vjepastream.ingest.source;

import java.nio.file.Files;
import java.nio.file.Path;

/** Parses and checks the {@code v4l2:} and {@code images:} locations of {@link SourceSpec}. */
final class DeviceAndImageSpecs {
    private DeviceAndImageSpecs() {
    }

    /** {@code v4l2:///dev/video0?width=640&height=480&fps=30&format=mjpeg}; {@code v4l2:/dev/video0} also works. */
    static SourceSpec device(String text, String location, String rest) {
        String[] parts = split(rest);
        String device = stripSlashes(parts[0]);
        if (device.isEmpty()) {
            throw new SourceException(location + ": names no device; expected v4l2:///dev/videoN");
        }
        String uri = "v4l2://" + device;
        SourceOptions options = SourceOptions.of(uri, SourceOptions.splitQuery(parts[1]), SourceOptions.DEVICE_KEYS);
        Path name = Path.of(device).getFileName();
        return SourceSpec.of(text, name == null ? "device" : name.toString(), SourceKind.DEVICE, uri, options);
    }

    /** {@code images:/data/ep1?fps=15} or {@code images:/data/ep1/frame_*.png}; relative paths are resolved. */
    static SourceSpec images(String text, String location, String rest) {
        String[] parts = split(rest);
        String raw = parts[0].startsWith("//") ? stripSlashes(parts[0]) : parts[0];
        if (raw.isBlank()) {
            throw new SourceException(location + ": names no directory; expected images:DIR or images:DIR/*.png");
        }
        String uri = "images:" + ImageFiles.absolute(raw);
        SourceOptions options = SourceOptions.of(uri, SourceOptions.splitQuery(parts[1]), SourceOptions.IMAGE_KEYS);
        Path dir = ImageFiles.directory(raw);
        Path name = dir.getFileName();
        return SourceSpec.of(text, name == null ? "images" : name.toString(), SourceKind.IMAGES, uri, options);
    }

    /** The device of a {@code v4l2:} spec must exist; FFmpeg's own message for a missing one is unclear. */
    static void validateDevice(SourceSpec spec) {
        Path device = devicePath(spec);
        if (!Files.exists(device)) {
            throw new SourceException(spec.uri() + ": no such device (" + device + ")");
        }
        if (!Files.isReadable(device)) {
            throw new SourceException(spec.uri() + ": not readable, permission denied (" + device
                    + "); is the user in the 'video' group?");
        }
    }

    /** The device file of a {@code v4l2:} spec. */
    static Path devicePath(SourceSpec spec) {
        return Path.of(spec.uri().substring("v4l2://".length()));
    }

    private static String stripSlashes(String s) {
        String out = s;
        while (out.startsWith("//")) {
            out = out.substring(1);
        }
        return out;
    }

    /** {@code [path, query]}, splitting at the last {@code ?} only when what follows is a query of key=value pairs. */
    private static String[] split(String rest) {
        int q = rest.lastIndexOf('?');
        if (q >= 0 && rest.substring(q + 1).matches("([A-Za-z]+(=[^&]*)?)(&[A-Za-z]+(=[^&]*)?)*")) {
            return new String[] {rest.substring(0, q), rest.substring(q + 1)};
        }
        return new String[] {rest, ""};
    }
}
