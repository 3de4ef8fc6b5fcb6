package io.vjepastream.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vjepa embed} as its own JVM under exactly_once_v2, killed with SIGKILL in the middle of a stream
 * while pairs are still arriving, then started again on the same state directory. Read with
 * read_committed, every stream has every sequence exactly once on both output topics: what the killed
 * instance had not committed is aborted and answered again by the new one. (A clean stop mid-stream and
 * a restart from an empty state directory are covered in-process by {@code EmbedderOnBrokerTest}.)
 */
@Tag("faults")
class EmbedderKillTest {
    private static final Pattern SCORED = Pattern.compile("pairs\\.scored=(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final List<String> STREAMS = List.of("cam-0", "cam-1", "cam-2");

    @TempDir
    Path dir;

    @Test
    @Timeout(400)
    void aKilledEmbedderAnswersEverySequenceOnceAfterItsRestart() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             KafkaProducer<String, byte[]> producer = EmbedderFixtures.producer(broker.bootstrapServers())) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.createAll(bootstrap, 2, (short) 1);
            EmbedderFixtures.announceModel(bootstrap, dir.resolve("model"));
            List<String> args = List.of("embed", "--bootstrap", bootstrap, "--state-dir", dir.resolve("state").toString(),
                    "--processing-guarantee", "exactly_once_v2", "--status-every", "200ms",
                    // The restarted instance joins at once instead of waiting out the killed one's session.
                    "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=1000");

            EmbedderFixtures.sendPairs(producer, STREAMS, 0, 30);
            long scoredBeforeKill;
            try (ChildVjepa first = ChildVjepa.start(dir, "embed-1", args)) {
                awaitScored(first, 30);
                // Kill while the next pairs arrive: some are scored in an open transaction, some not yet read.
                EmbedderFixtures.sendPairs(producer, STREAMS, 30, 60);
                scoredBeforeKill = scored(first);
                first.kill();
            }
            long committedAtKill = TopicContents.total(TopicContents.energySequences(bootstrap, 0, Duration.ZERO));

            try (ChildVjepa second = ChildVjepa.start(dir, "embed-2", args)) {
                EmbedderFixtures.sendPairs(producer, STREAMS, 60, 80);
                int total = STREAMS.size() * 80;
                Map<String, List<Long>> energies = TopicContents.energySequences(bootstrap, total, WAIT);
                Map<String, List<Long>> latents = TopicContents.latentSequences(bootstrap, total, WAIT);
                for (String stream : STREAMS) {
                    assertEquals(TopicContents.upTo(80), energies.get(stream), "energies of " + stream + " once each:\n"
                            + second.err());
                    assertEquals(TopicContents.upTo(80), latents.get(stream), "latents of " + stream + " once each");
                }
                assertTrue(second.terminate(Duration.ofSeconds(10)).isPresent(), "the second instance stops on SIGTERM");
                System.out.printf("embedder kill: %d pairs in over %d streams; the killed instance had counted %d scored,"
                                + " %d energies were committed at the kill; after the restart %d energies and %d latents"
                                + " committed, every sequence once (the second instance scored %d)%n", total,
                        STREAMS.size(), scoredBeforeKill, committedAtKill, TopicContents.total(energies),
                        TopicContents.total(latents), scored(second));
            }
        }
    }

    private static void awaitScored(ChildVjepa embed, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (scored(embed) < atLeast) {
            assertTrue(embed.alive(), "the embedder ended:\n" + embed.out() + embed.err());
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + atLeast + " scored:\n" + embed.err());
            Thread.sleep(20);
        }
    }

    /** The newest pairs.scored count the embedder printed. */
    private static long scored(ChildVjepa embed) {
        Matcher m = SCORED.matcher(embed.out());
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
