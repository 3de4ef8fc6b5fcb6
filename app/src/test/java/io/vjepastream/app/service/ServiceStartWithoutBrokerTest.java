package io.vjepastream.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer and the embedder started against an address where no broker listens say so in one line
 * naming the address and exit 1, instead of running on with nothing to read.
 */
class ServiceStartWithoutBrokerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"train", "embed"})
    void saysOnceThatNoBrokerAnswersAndExits1(String service) throws IOException {
        String bootstrap = "127.0.0.1:" + closedPort();
        String where = service.equals("train") ? "--checkpoints" : "--state-dir";
        CliRun run = CliRun.vjepa(service, "--bootstrap", bootstrap, where, dir.resolve("d").toString(),
                "--http-port", "-1");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("vjepa: no answer from Kafka at " + bootstrap + " within 10s (is the broker running?)",
                run.err().strip());
        assertTrue(run.out().isBlank(), "nothing started, nothing to report: " + run.out());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
