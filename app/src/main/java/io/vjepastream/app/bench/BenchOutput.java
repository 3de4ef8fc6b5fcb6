package io.vjepastream.app.bench;

import io.vjepastream.pipeline.bench.BenchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --out} of every benchmark: where its JSON results go, printed on the console as well. */
public final class BenchOutput {
    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "Where to write the JSON results.")
    private Path out;

    /** Creates the option; picocli fills it in. */
    public BenchOutput() {
    }

    /** Writes {@code json} to {@code --out} and prints it to {@code console}. */
    void write(Map<String, Object> json, PrintWriter console) throws IOException {
        BenchResult.write(out, json, console);
    }
}
