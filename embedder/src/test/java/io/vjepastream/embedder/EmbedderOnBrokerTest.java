package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.SharedBroker;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.LatentState;
import io.vjepastream.runtime.http.ServiceEndpoint;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import io.vjepastream.schemas.files.DirectoryTrees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedder on the real in-JVM broker under exactly-once: a checkpoint swap mid-stream and a restart
 * from an empty state directory, each checked pair by pair on read_committed consumers.
 */
class EmbedderOnBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SharedBroker broker = new SharedBroker().partitions(2);
    static String bootstrap;
    static Path v1;
    static Path v2;

    @BeforeAll
    static void announceFirstModel() throws Exception {
        bootstrap = broker.bootstrapServers();
        v1 = BrokerFixtures.checkpoint(dir.resolve("v1"), 0);
        v2 = BrokerFixtures.checkpoint(dir.resolve("v2"), 2);
        BrokerFixtures.announce(bootstrap, 1, v1);
    }

    private static EmbedderConfig config(String applicationId, Path stateDir) {
        return EmbedderConfig.builder(bootstrap).applicationId(applicationId).stateDir(stateDir)
                .zScoreWarmup(5).statsHalfLife(20).closeTimeout(Duration.ofSeconds(30))
                // The restarted instance joins once the stopped one's session has expired: keep that short.
                .streamsProperty("consumer.session.timeout.ms", "6000")
                .streamsProperty("consumer.heartbeat.interval.ms", "1000")
                .build();
    }

    @Test
    void aSwapMidStreamLosesNoPairAndAnswersNoneTwice() throws Exception {
        List<String> streams = List.of("swap-0", "swap-1", "swap-2");
        int half = 10;
        try (EmbedderService embedder = new EmbedderService(config("embedder-swap", dir.resolve("swap-state")));
             ServiceEndpoint http = ServiceEndpoint.serve(embedder, 0);
             KafkaProducer<String, byte[]> producer = BrokerFixtures.producer(bootstrap)) {
            embedder.start();
            awaitUp(embedder);
            BrokerFixtures.sendPairs(producer, streams, 0, half);
            assertEquals(streams.size() * half, energies(streams, streams.size() * half, Duration.ZERO).size());

            BrokerFixtures.announce(bootstrap, 2, v2);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!embedder.registry().currentVersion().orElse("").equals("tiny-v2") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            BrokerFixtures.sendPairs(producer, streams, half, 2L * half);

            int total = streams.size() * 2 * half;
            List<AnomalyEnergy> energies = energies(streams, total, QUIET);
            List<LatentState> latents = BrokerFixtures.readCommitted(bootstrap, Topics.LATENTS, streams::contains, total,
                    WAIT, QUIET).stream().map(r -> Serdes.latentState().decode(r.value())).collect(Collectors.toList());
            for (String stream : streams) {
                List<AnomalyEnergy> mine = energies.stream().filter(e -> e.getStreamId().equals(stream)).toList();
                assertEquals(sequence(2 * half), mine.stream().map(AnomalyEnergy::getSequence).toList(),
                        "energies of " + stream + ": every pair once, in order");
                assertEquals(sequence(2 * half), latents.stream().filter(l -> l.getStreamId().equals(stream))
                        .map(LatentState::getSequence).toList(), "latents of " + stream);
                List<String> versions = mine.stream().map(AnomalyEnergy::getModelVersion).toList();
                assertEquals("tiny-v1", versions.get(0), stream + " " + versions);
                assertEquals("tiny-v2", versions.get(versions.size() - 1), stream + " " + versions);
                int firstV2 = versions.indexOf("tiny-v2");
                assertTrue(versions.subList(firstV2, versions.size()).stream().allMatch("tiny-v2"::equals),
                        "never back to the old model: " + versions);
            }

            HttpResponse<String> health = get(http.port(), "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
            assertTrue(get(http.port(), "/model").body().contains("\"version\":\"tiny-v2\""));
            HttpResponse<String> latest = get(http.port(), "/streams/swap-1/energy");
            assertEquals(200, latest.statusCode(), latest.body());
            assertTrue(latest.body().contains("\"streamId\":\"swap-1\"") && latest.body().contains("\"sequence\":19"),
                    latest.body());
            assertTrue(get(http.port(), "/streams/swap-2/latent").body().contains("\"embedding\":["));
            assertTrue(get(http.port(), "/streams").body().contains("\"streamId\":\"swap-0\""));
            assertEquals(404, get(http.port(), "/streams/no-such-camera/energy").statusCode());
            String metrics = get(http.port(), "/metrics").body();
            assertTrue(metrics.contains("vjepa_embedder_model_info{version=\"tiny-v2\"} 1"), metrics);
            assertTrue(metrics.contains("vjepa_embedder_model_loads_total 2.0"), metrics);
            assertTrue(metrics.contains("kafka_stream_thread_"), "Kafka Streams metrics are bound");
        }
    }

    @Test
    void aRestartWithAnEmptyStateDirectoryContinuesTheStatisticsFromTheChangelog() throws Exception {
        List<String> streams = List.of("restart-0", "restart-1");
        Path stateDir = dir.resolve("restart-state");
        EmbedderConfig config = config("embedder-restart", stateDir);
        try (KafkaProducer<String, byte[]> producer = BrokerFixtures.producer(bootstrap)) {
            try (EmbedderService first = new EmbedderService(config)) {
                first.start();
                awaitUp(first);
                BrokerFixtures.sendPairs(producer, streams, 0, 15);
                assertEquals(30, energies(streams, 30, Duration.ZERO).size());
                // Stop while more pairs arrive: some are answered, some buffered, some not even read.
                BrokerFixtures.sendPairs(producer, streams, 15, 20);
            }
            deleteRecursively(stateDir);
            try (EmbedderService second = new EmbedderService(config)) {
                second.start();
                awaitUp(second);
                BrokerFixtures.sendPairs(producer, streams, 20, 25);
                List<AnomalyEnergy> energies = energies(streams, 50, QUIET);
                for (String stream : streams) {
                    List<AnomalyEnergy> mine = energies.stream().filter(e -> e.getStreamId().equals(stream)).toList();
                    assertEquals(sequence(25), mine.stream().map(AnomalyEnergy::getSequence).toList(),
                            "every pair of " + stream + " answered once across the restart");
                    // One unbroken series of statistics reproduces every z-score, those after the restart included;
                    // statistics started afresh would give z = 0 for the first two pairs after it.
                    EnergyStatistics replay = EnergyStatistics.empty(config.statsHalfLife());
                    for (AnomalyEnergy e : mine) {
                        double expected = replay.update(e.getEnergy());
                        assertEquals(expected, e.getZScore(), 1e-9 * Math.max(1, Math.abs(expected)),
                                stream + " pair " + e.getSequence());
                    }
                    assertTrue(mine.subList(20, 25).stream().anyMatch(e -> e.getZScore() != 0), "statistics in use");
                }
            }
        }
    }

    private static List<AnomalyEnergy> energies(List<String> streams, int expected, Duration quiet) {
        List<ConsumerRecord<String, byte[]>> records = BrokerFixtures.readCommitted(bootstrap, Topics.ANOMALY_ENERGY,
                streams::contains, expected, WAIT, quiet);
        return records.stream().map(r -> Serdes.anomalyEnergy().decode(r.value())).collect(Collectors.toList());
    }

    private static List<Long> sequence(int n) {
        List<Long> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private static void awaitUp(EmbedderService embedder) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!embedder.health().up() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(embedder.health().up(), embedder.health().detail());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path root) throws Exception {
        DirectoryTrees.delete(root);
        assertTrue(!Files.exists(root), "state directory deleted");
    }
}
