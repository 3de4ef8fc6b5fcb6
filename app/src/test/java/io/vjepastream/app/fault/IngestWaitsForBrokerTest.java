package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vjepa ingest} of a file started before its broker: it says that no broker answers, with the
 * address, reports DOWN meanwhile, and once the broker is up writes every pair of the file, from pair 0.
 */
class IngestWaitsForBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** 30 frames at 10 fps, stride 2: the first pair needs 5 frames, then one pair a frame. */
    private static final int PAIRS = 26;
    private static final Pattern HTTP = Pattern.compile("ingest HTTP endpoint: http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void aFileWaitsForTheBrokerAndLosesNoPair() throws Exception {
        int port = closedPort();
        String bootstrap = "127.0.0.1:" + port;
        try (ChildVjepa ingest = ChildVjepa.start(dir, "ingest", List.of("ingest", "--source",
                "clip=synthetic:?seconds=3&fps=10", "--bootstrap", bootstrap, "--status-every", "1s"))) {
            Pattern waiting = Pattern.compile("no answer from Kafka at " + Pattern.quote(bootstrap));
            assertTrue(ingest.awaitLog(waiting, 0, WAIT).isPresent(), "the outage is said:\n" + ingest.err());
            HttpResponse<String> health = health(ingest);
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("no answer from Kafka at " + bootstrap), health.body());

            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).build().start()) {
                TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
                Optional<Integer> exit = ingest.awaitExit(WAIT);
                assertEquals(Optional.of(0), exit, ingest.out() + ingest.err());
                assertTrue(ingest.out().contains("clip COMPLETED"), ingest.out());
                Map<String, List<Long>> onTopic = TopicContents.pairSequences(bootstrap, PAIRS, WAIT);
                assertEquals(TopicContents.upTo(PAIRS), onTopic.get("clip"), "every pair of the file, once, in order");
            }
        }
    }

    private static HttpResponse<String> health(ChildVjepa ingest) throws Exception {
        Matcher m = HTTP.matcher(ingest.out());
        assertTrue(m.find(), "the endpoint is announced: " + ingest.out());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + m.group(1) + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
