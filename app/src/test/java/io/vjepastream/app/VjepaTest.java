package io.vjepastream.app;

import static io.vjepastream.app.CliRun.vjepa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class VjepaTest {
    @Test
    void helpListsTheCommands() {
        CliRun result = vjepa("--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Usage: vjepa"), result.out());
        assertTrue(result.out().contains("local"), result.out());
        assertTrue(result.out().contains("tail"), result.out());
        assertTrue(result.out().contains("help"), result.out());
        assertEquals("", result.err());
    }

    @Test
    void helpCommandDescribesTail() {
        CliRun result = vjepa("help", "tail");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("--bootstrap=HOST:PORT"), result.out());
        assertTrue(result.out().contains("127.0.0.1:9092"), result.out());
        assertTrue(result.out().contains("--from=earliest|latest"), result.out());
    }

    @Test
    void versionNamesTheBuildAndKafka() {
        CliRun result = vjepa("--version");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("vjepa "), result.out());
        assertTrue(result.out().contains("Kafka 4."), result.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun result = vjepa("frobnicate");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("frobnicate"), result.err());
        assertTrue(result.err().contains("Usage: vjepa"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        for (String[] args : new String[][] {{"tail", "--nope"}, {"tail", "vjepa.latents", "--nope"}}) {
            CliRun result = vjepa(args);
            assertEquals(2, result.exitCode());
            assertTrue(result.err().startsWith("vjepa tail: unknown option '--nope'"), result.err());
            assertTrue(result.err().contains("Usage: vjepa tail"), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void noCommandShowsTheUsage() {
        CliRun result = vjepa();
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Usage: vjepa"), result.err());
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertEquals(2, vjepa("tail", "t", "--timeout", "soon").exitCode());
        assertEquals(2, vjepa("tail", "t", "--max", "0").exitCode());
        assertEquals(2, vjepa("tail", "t", "--from", "middle").exitCode());
        CliRun missingTopic = vjepa("tail");
        assertEquals(2, missingTopic.exitCode());
        assertTrue(missingTopic.err().contains("TOPIC"), missingTopic.err());
    }

    @Test
    void anUnreachableBrokerFailsWithOneLine() throws IOException {
        String bootstrap = "127.0.0.1:" + closedPort();
        CliRun result = vjepa("tail", "vjepa.latents", "--bootstrap", bootstrap, "--timeout", "1s");
        assertEquals(1, result.exitCode());
        assertEquals("vjepa: no answer from Kafka at " + bootstrap + " within 1s (is the broker running?)",
                result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        String bootstrap = "127.0.0.1:" + closedPort();
        CliRun result = vjepa("tail", "vjepa.latents", "--bootstrap", bootstrap, "--timeout", "500ms", "--verbose");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("\tat "), result.err());
        assertTrue(result.err().contains("IllegalStateException"), result.err());
    }

    @Test
    void anUnresolvableBootstrapFailsWithOneLine() {
        CliRun result = vjepa("tail", "vjepa.latents", "--bootstrap", "no-such-host.invalid:9092", "--timeout", "1s");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("vjepa: cannot use bootstrap server 'no-such-host.invalid:9092'"),
                result.err());
    }

    @Test
    void localIsRegistered() {
        CliRun result = vjepa("local", "--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Usage: vjepa local"), result.out());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
