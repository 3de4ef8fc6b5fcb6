package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM of {@code vjepa local} as its own JVM: a clean stop that still prints the summary. */
class LocalStopTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void sigtermPrintsTheSummaryAndTheDocumentedExitCode() throws Exception {
        List<String> args = new ArrayList<>(List.of("local", "--source", "cam=synthetic:?seconds=0&fps=10",
                "--duration", "5m", "--progress-every", "1s", "--kafka-port", "0", "--http-port", "-1",
                "--checkpoints", dir.resolve("checkpoints").toString()));
        args.addAll(FaultModels.flags());
        try (ChildVjepa local = ChildVjepa.start(dir, "local", args)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!local.out().contains("] ingest ") && local.alive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(local.out().contains("] ingest "), "a progress line: " + local.out() + local.err());
            assertTrue(local.terminate(WAIT).isPresent(), "stopped within " + WAIT + ":\n" + local.err());
            assertEquals(Optional.of(143), local.awaitExit(Duration.ZERO), "128 + SIGTERM, as documented");
            assertTrue(local.out().contains("summary after "), "the summary after SIGTERM:\n" + local.out());
            assertTrue(local.out().contains("  ingest    ") && local.out().contains("cam "), local.out());
        }
    }
}
