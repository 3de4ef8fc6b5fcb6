package io.vjepastream.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident set size, now and at its highest, from {@code /proc/self/status} (Linux). */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    /** @return VmRSS in MiB, or -1 where {@code /proc/self/status} does not exist or has no VmRSS */
    public static double megabytes() {
        return read("VmRSS:");
    }

    /** @return VmHWM, the highest resident set size so far, in MiB, or -1 where it cannot be read */
    public static double peakMegabytes() {
        return read("VmHWM:");
    }

    private static double read(String field) {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0; // the kernel reports kB
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
