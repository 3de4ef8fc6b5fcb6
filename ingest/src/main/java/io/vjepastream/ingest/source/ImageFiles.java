package io.vjepastream.ingest.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Lists the images of an {@code images:} source: a directory's PNG/JPEG files or a glob's matches, in name order. */
final class ImageFiles {
    private ImageFiles() {
    }

    /** True when the last path element holds glob characters. */
    static boolean isGlob(String raw) {
        String last = raw.substring(raw.lastIndexOf('/') + 1);
        return last.contains("*") || last.contains("?") || last.contains("[") || last.contains("{");
    }

    /** The absolute form of a directory or glob, without touching the file system. */
    static String absolute(String raw) {
        if (isGlob(raw)) {
            int slash = raw.lastIndexOf('/');
            Path dir = slash < 0 ? Path.of("") : Path.of(raw.substring(0, Math.max(1, slash)));
            return dir.toAbsolutePath().normalize() + "/" + raw.substring(slash + 1);
        }
        return Path.of(raw).toAbsolutePath().normalize().toString();
    }

    /** The directory the images are in. */
    static Path directory(String raw) {
        String abs = absolute(raw);
        return isGlob(abs) ? Path.of(abs.substring(0, abs.lastIndexOf('/'))) : Path.of(abs);
    }

    /**
     * The image files of a spec, sorted by name.
     *
     * @throws SourceException one line naming the source: no such directory, or no images in it
     */
    static List<Path> list(SourceSpec spec) {
        String raw = spec.uri().substring("images:".length());
        Path dir = directory(raw);
        if (!Files.isDirectory(dir)) {
            throw new SourceException(spec.uri() + ": no such directory (" + dir + ")");
        }
        PathMatcher glob = isGlob(raw)
                ? FileSystems.getDefault().getPathMatcher("glob:" + raw.substring(raw.lastIndexOf('/') + 1))
                : null;
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> images = entries.filter(Files::isRegularFile)
                    .filter(p -> glob == null ? isImageName(p) : glob.matches(p.getFileName()))
                    .sorted()
                    .toList();
            if (images.isEmpty()) {
                throw new SourceException(spec.uri() + ": no " + (glob == null ? "PNG or JPEG images" : "files matching '"
                        + raw.substring(raw.lastIndexOf('/') + 1) + "'") + " in " + dir);
            }
            return images;
        } catch (IOException e) {
            throw new SourceException(spec.uri() + ": cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }
}
