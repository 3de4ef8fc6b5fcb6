package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.StreamState;
import io.vjepastream.ingest.StreamStats;
import io.vjepastream.ingest.sink.KafkaPairSink;
import io.vjepastream.ingest.sink.PairProducerConfig;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes down and comes back on the same port and log directory while ingest runs. A file
 * loses nothing and duplicates nothing (the idempotent producer's retries are deduplicated by the
 * broker); a live source drops its oldest queued pairs while the producer is blocked, counts them,
 * and loses nothing it handed to the producer.
 */
class BrokerRestartDuringIngestTest {
    private static final Duration DOWNTIME = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aFileIsIngestedExactlyOnceAcrossABrokerRestart() throws Exception {
        Path video = video("car-detection.mp4");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start()) {
            TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
            // A producer buffer of 1 MiB fills while the broker is down: the file's queue then waits, so the
            // outage falls in the middle of the file rather than after it was read.
            KafkaPairSink sink = new KafkaPairSink(smallBuffer(broker.bootstrapServers(), 1024 * 1024), Topics.FRAME_PAIRS);
            IngestConfig config = IngestConfig.builder().sampleFps(12.5).build();
            long decodedAtRestart;
            StreamStats done;
            try (IngestService ingest = new IngestService(config, List.of(SourceSpec.parse("car=" + video)), sink)) {
                ingest.start();
                awaitTrue(() -> running(ingest, "car") && sink.acknowledged() >= 10,
                        "10 pairs acknowledged before the restart");
                int portBefore = broker.port();
                broker.restart(DOWNTIME);
                assertEquals(portBefore, broker.port(), "the broker came back on its port");
                decodedAtRestart = ingest.metrics().get("car").framesDecoded();
                assertTrue(ingest.awaitCompletion(WAIT), "the file was read to its end");
                done = ingest.metrics().get("car");
            }
            assertEquals(StreamState.COMPLETED, done.state(), done.statusLine());
            assertTrue(done.framesDecoded() > decodedAtRestart,
                    "decoding went on after the restart: " + decodedAtRestart + " then " + done.framesDecoded());
            assertEquals(0, sink.failed(), "no send failed: " + done.statusLine());
            assertEquals(0, done.pairsDropped(), "a file waits instead of dropping");
            Map<String, List<Long>> onTopic = TopicContents.pairSequences(broker.bootstrapServers(),
                    (int) done.pairsSent(), WAIT);
            assertEquals(TopicContents.upTo(done.pairsSent()), onTopic.get("car"),
                    "every pair 0.." + (done.pairsSent() - 1) + " once, in order");
            System.out.printf("broker restart, file: %d frames decoded (%d before the restart), %d pairs sent,"
                            + " %d acknowledged, %d records on %s%n", done.framesDecoded(), decodedAtRestart,
                    done.pairsSent(), sink.acknowledged(), TopicContents.total(onTopic), Topics.FRAME_PAIRS);
        }
    }

    @Test
    @Timeout(180)
    void aLiveSourceCountsItsDropsAndLosesNothingItSent() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start()) {
            TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
            KafkaPairSink sink = new KafkaPairSink(smallBuffer(broker.bootstrapServers(), 64 * 1024), Topics.FRAME_PAIRS);
            // An endless synthetic clip paced to 20 fps is a live camera: its queue drops the oldest pairs when full.
            IngestConfig config = IngestConfig.builder().imageSize(32).patchSize(8).sampleFps(20).queueCapacity(4)
                    .realtime(true).build();
            SourceSpec live = SourceSpec.parse("cam=synthetic:?seconds=0&fps=20");
            StreamStats done;
            long sentAtRestart;
            try (IngestService ingest = new IngestService(config, List.of(live), sink)) {
                ingest.start();
                awaitTrue(() -> running(ingest, "cam") && sink.acknowledged() >= 10,
                        "10 pairs acknowledged before the restart");
                broker.restart(DOWNTIME);
                sentAtRestart = ingest.metrics().get("cam").pairsSent();
                long target = sink.acknowledged() + 20;
                awaitTrue(() -> sink.acknowledged() >= target, "20 more pairs acknowledged after the restart");
                done = ingest.metrics().get("cam");
            }
            long sent = sink.sent();
            assertTrue(done.pairsDropped() > 0, "the outage made the camera drop pairs: " + done.statusLine());
            assertEquals(0, sink.failed(), "no send failed: " + done.statusLine());
            Map<String, List<Long>> onTopic = TopicContents.pairSequences(broker.bootstrapServers(), (int) sent, WAIT);
            assertEquals(TopicContents.upTo(sent), onTopic.get("cam"),
                    "every pair handed to the producer, before and after the restart, once and in order");
            System.out.printf("broker restart, live: %d frames sampled, %d pairs sent (%d by the restart), %d dropped"
                            + " and counted, %d records on %s%n", done.framesSampled(), sent, sentAtRestart,
                    done.pairsDropped(), TopicContents.total(onTopic), Topics.FRAME_PAIRS);
        }
    }

    /** The sink's producer with a small buffer, so that sends block while the broker is away. */
    private static Map<String, Object> smallBuffer(String bootstrap, int bufferBytes) {
        Map<String, Object> config = PairProducerConfig.of(bootstrap);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, (long) bufferBytes);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, bufferBytes / 4);
        return config;
    }

    /** True while the stream has not failed; a failed one ends the test at once with its status. */
    private static boolean running(IngestService ingest, String streamId) {
        StreamStats stats = ingest.metrics().get(streamId);
        assertTrue(stats.state() != StreamState.FAILED, stats.statusLine());
        return true;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(20);
        }
    }

    private static Path video(String name) {
        String configured = System.getProperty("vjepa.videos.dir");
        Path path = configured == null ? Path.of("..", "..", "shared", "videos", name) : Path.of(configured, name);
        assumeTrue(Files.isReadable(path), "sample video " + path + " not found; set -Dvjepa.videos.dir");
        return path.toAbsolutePath().normalize();
    }
}
