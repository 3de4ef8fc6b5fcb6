package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.SharedBroker;
import io.vjepastream.model.checkpoint.CheckpointManifest;
import io.vjepastream.trainer.CheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service as its own JVM stops on SIGTERM within 10 seconds: ingest with every pair it sent on the
 * topic, the trainer with a final checkpoint of its last step, the embedder with its answers committed.
 */
@Tag("faults")
class ServiceShutdownTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern INGEST_STATUS = Pattern.compile("cam (\\w+): .*? (\\d+) pairs, (\\d+) dropped");
    private static final Pattern TRAIN_STATUS = Pattern.compile("step (\\d+), .*?(\\d+) checkpoints \\(newest step (-?\\d+)\\)");
    private static final Pattern WRITTEN = Pattern.compile("checkpoint step (\\d+) written to (\\S+) and announced");
    private static final Pattern SCORED = Pattern.compile("pairs\\.scored=(\\d+)");

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    @Timeout(240)
    void servicesStopOnSigtermWithinTenSecondsAndLoseNothing() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(ingest());
        report.add(train());
        report.add(embed());
        report.forEach(line -> System.out.println("SIGTERM: " + line));
    }

    /** A paced endless camera: SIGTERM in the middle, then every pair it reports as sent is on the topic once. */
    private String ingest() throws Exception {
        try (ChildVjepa ingest = ChildVjepa.start(dir, "ingest", List.of("ingest", "--source",
                "cam=synthetic:?seconds=0&fps=10", "--realtime", "--image-size", "32", "--bootstrap",
                broker.bootstrapServers(), "--status-every", "500ms"))) {
            awaitOut(ingest, () -> lastMatch(INGEST_STATUS, ingest.out()).map(m -> Long.parseLong(m.group(2)) >= 10)
                    .orElse(false), "10 pairs sent");
            Duration took = ingest.terminate(LIMIT).orElseThrow(
                    () -> new AssertionError("ingest still ran " + LIMIT + " after SIGTERM:\n" + ingest.err()));
            MatchResult last = lastMatch(INGEST_STATUS, ingest.out()).orElseThrow();
            assertEquals("STOPPED", last.group(1), "the final status line: " + ingest.out());
            long sent = Long.parseLong(last.group(2));
            Map<String, List<Long>> onTopic = TopicContents.pairSequences(broker.bootstrapServers(), (int) sent, WAIT);
            assertEquals(TopicContents.upTo(sent), onTopic.get("cam"), "every pair sent before the signal, once");
            return String.format("ingest exited %.1f s after SIGTERM; %d pairs sent, %d on the topic", seconds(took),
                    sent, TopicContents.total(onTopic));
        }
    }

    /** Trains on the ingested pairs; SIGTERM between checkpoints must write one more, of the last step. */
    private String train() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        List<String> args = new ArrayList<>(List.of("train", "--bootstrap", broker.bootstrapServers(), "--checkpoints",
                checkpoints.toString(), "--batch-size", "4", "--checkpoint-every", "1000", "--status-every", "500ms"));
        args.addAll(FaultModels.flags());
        try (ChildVjepa train = ChildVjepa.start(dir, "train", args)) {
            awaitOut(train, () -> lastMatch(TRAIN_STATUS, train.out()).map(m -> Long.parseLong(m.group(1)) >= 5)
                    .orElse(false), "5 steps trained");
            Duration took = train.terminate(LIMIT).orElseThrow(
                    () -> new AssertionError("train still ran " + LIMIT + " after SIGTERM:\n" + train.err()));
            MatchResult last = lastMatch(TRAIN_STATUS, train.out()).orElseThrow();
            long steps = Long.parseLong(last.group(1));
            assertEquals(steps, Long.parseLong(last.group(3)), "the final checkpoint is of the last step: " + last.group());
            MatchResult written = lastMatch(WRITTEN, train.err()).orElseThrow();
            assertEquals(steps, Long.parseLong(written.group(1)), train.err());
            Path finalCheckpoint = checkpoints.resolve(String.format("step-%010d", steps));
            assertEquals(List.of(), CheckpointManifest.verify(finalCheckpoint, null), "complete: " + finalCheckpoint);
            assertEquals(finalCheckpoint, new CheckpointStore(checkpoints, 1).latestVerified().orElseThrow());
            return String.format("train exited %.1f s after SIGTERM; final checkpoint step %d of %d steps"
                    + " (checkpoint every 1000 steps, so written on the signal)", seconds(took), steps, steps);
        }
    }

    /** Scores pairs of two streams; after SIGTERM every answer it counted is committed, none twice. */
    private String embed() throws Exception {
        List<String> streams = List.of("a", "b");
        EmbedderFixtures.announceModel(broker.bootstrapServers(), dir.resolve("model"));
        try (ChildVjepa embed = ChildVjepa.start(dir, "embed", List.of("embed", "--bootstrap", broker.bootstrapServers(),
                "--state-dir", dir.resolve("streams").toString(), "--status-every", "500ms"));
             KafkaProducer<String, byte[]> producer = EmbedderFixtures.producer(broker.bootstrapServers())) {
            EmbedderFixtures.sendPairs(producer, streams, 0, 20);
            awaitOut(embed, () -> lastMatch(SCORED, embed.out()).map(m -> Long.parseLong(m.group(1)) >= 10)
                    .orElse(false), "10 pairs scored");
            Duration took = embed.terminate(LIMIT).orElseThrow(
                    () -> new AssertionError("embed still ran " + LIMIT + " after SIGTERM:\n" + embed.err()));
            long scored = Long.parseLong(lastMatch(SCORED, embed.out()).orElseThrow().group(1));
            Map<String, List<Long>> energies = TopicContents.energySequences(broker.bootstrapServers(), (int) scored, WAIT);
            // The topic also holds the ingest step's stream "cam": every stream must be a gapless prefix.
            for (Map.Entry<String, List<Long>> answered : energies.entrySet()) {
                assertEquals(TopicContents.upTo(answered.getValue().size()), answered.getValue(),
                        "stream " + answered.getKey() + ": a gapless prefix, once");
            }
            assertTrue(energies.keySet().containsAll(streams), "both streams answered: " + energies.keySet());
            assertEquals(scored, TopicContents.total(energies), "every pair scored before the signal is committed");
            int pairsIn = TopicContents.total(TopicContents.pairSequences(broker.bootstrapServers(), 0, Duration.ZERO));
            return String.format("embed exited %.1f s after SIGTERM; %d pairs on the topic (40 sent here, the rest by"
                    + " the ingest step), %d scored, %d energies committed", seconds(took), pairsIn, scored,
                    TopicContents.total(energies));
        }
    }

    private static Optional<MatchResult> lastMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        MatchResult last = null;
        while (m.find()) {
            last = m.toMatchResult();
        }
        return Optional.ofNullable(last);
    }

    private static void awaitOut(ChildVjepa child, BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(child.alive(), "ended before " + what + ":\n" + child.out() + child.err());
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what + ":\n" + child.out() + child.err());
            Thread.sleep(50);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
