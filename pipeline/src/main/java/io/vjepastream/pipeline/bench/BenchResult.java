package io.vjepastream.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.vjepastream.schemas.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where a benchmark's results go: indented JSON in the file asked for, and the same on the console. */
public final class BenchResult {
    private BenchResult() {
    }

    /**
     * Writes {@code json} to {@code file}, creating its directory, and prints it to {@code console}.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(Path file, Map<String, Object> json, PrintWriter console) throws IOException {
        ObjectWriter writer = Json.indentedWriter();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writer.writeValue(file.toFile(), json);
        console.println(writer.writeValueAsString(json));
        console.flush();
    }
}
