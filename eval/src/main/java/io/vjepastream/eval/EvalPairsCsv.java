package io.vjepastream.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every test pair of an {@link EvalResult} as one CSV row: its time, label, how far the objects moved,
 * and each energy the report's AUROCs are computed from. For looking at what a model flags: sort by
 * an energy and read the labels.
 */
public final class EvalPairsCsv {
    static final String HEADER = "seconds,label,displacement_px,trained,trained_top" + ModelReading.TOP_K
            + ",untrained_persistence,pixel_difference";

    private EvalPairsCsv() {
    }

    /** Writes {@code result}'s test pairs to {@code file}, replacing it. */
    public static void write(EvalResult result, Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println(HEADER);
            for (int i = 0; i < result.test().size(); i++) {
                LabelledPair p = result.test().get(i);
                String label = p.anomaly() != null ? p.anomaly().label() : p.inContext() ? "break_in_context" : "none";
                out.printf(Locale.ROOT, "%.3f,%s,%.3f,%.6g,%.6g,%.6g,%.6g%n", p.seconds(), label, p.displacement(),
                        result.trained().energies()[i], result.trained().topEnergies()[i],
                        result.persistence().untrained().energies()[i], result.pixelDifference()[i]);
            }
        }
    }
}
