package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.PairSample;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micro-batching: when a batch is scored, what is held meanwhile, and that batching changes no answer. */
class BatchingTest {
    private static final int SIZE = TinyCheckpoints.IMAGE_SIZE;
    private static final int MAX = 4;
    private static final Duration LINGER = Duration.ofMillis(50);

    @TempDir
    static Path checkpoints;
    static Path v1;
    static Path v2;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void writeCheckpoints() throws Exception {
        v1 = TinyCheckpoints.write(checkpoints.resolve("v1"));
        byte[] grey = TestPairs.solid(SIZE, 128, 128, 128);
        v2 = TinyCheckpoints.write(checkpoints.resolve("v2"), 3, new PairSample(List.of(grey, grey), List.of(grey)));
    }

    private EmbedderConfig config() {
        return EmbedderConfig.builder("unused:9092").stateDir(stateDir).batchMaxPairs(MAX).batchLinger(LINGER).build();
    }

    private static FramePair pair(String stream, long seq) {
        return TestPairs.pair(stream, seq, SIZE, TestPairs.noise(SIZE, seq), TestPairs.noise(SIZE, 1000 + seq));
    }

    @Test
    void aFullBatchIsScoredAtOnceAndTheRestWhenTheLingerHasPassed() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            List<FramePair> sent = new ArrayList<>();
            String[] streams = {"cam-a", "cam-b", "cam-c"};
            for (int i = 0; i < 3; i++) {
                sent.add(pair(streams[i], 0));
                embedder.pipe(sent.get(i));
            }
            assertTrue(embedder.energies.isEmpty(), "three pairs wait for a fourth or for the linger");
            assertEquals(3, pendingOffsets(embedder).size(), "waiting pairs are held in the changelogged store");

            sent.add(pair("cam-a", 1));
            embedder.pipe(sent.get(3));
            assertEquals(4, embedder.energies.getQueueSize(), "the fourth pair fills the batch");
            assertEquals(1, embedder.metrics.batches());

            sent.add(pair("cam-b", 1));
            embedder.pipe(sent.get(4));
            embedder.driver.advanceWallClockTime(LINGER.dividedBy(2));
            assertEquals(4, embedder.energies.getQueueSize(), "half the linger is not enough");
            embedder.driver.advanceWallClockTime(LINGER);
            assertEquals(List.of(), pendingOffsets(embedder), "every pair answered and forgotten");

            List<AnomalyEnergy> energies = embedder.energies.readValuesToList();
            List<LatentState> latents = embedder.latents.readValuesToList();
            assertEquals(5, energies.size());
            assertEquals(5, latents.size());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(sent.get(i).getStreamId(), energies.get(i).getStreamId(), "arrival order kept");
                assertEquals(sent.get(i).getSequence(), energies.get(i).getSequence());
                assertEquals(sent.get(i).getSequence(), latents.get(i).getSequence());
            }
            assertEquals(2, embedder.metrics.batches());
            assertEquals(5, embedder.metrics.batchedPairs());
            assertEquals(2, embedder.statistics("cam-a", 200).count());
        }
    }

    @Test
    void aBatchGivesTheSameAnswersAsScoringEachPairAlone() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            List<FramePair> sent = new ArrayList<>();
            for (long seq = 0; seq < MAX; seq++) {
                sent.add(pair("cam-" + seq % 2, seq));
                embedder.pipe(sent.get((int) seq));
            }
            List<AnomalyEnergy> energies = embedder.energies.readValuesToList();
            assertEquals(MAX, energies.size());
            for (int i = 0; i < MAX; i++) {
                PairSample sample = PairSamples.from(sent.get(i), TinyCheckpoints.CONFIG);
                double alone = registry.use(lease -> lease.inference().score(List.of(sample)).get(0).energy());
                assertEquals(alone, energies.get(i).getEnergy(), 1e-4 * Math.abs(alone), "pair " + i);
            }
        }
    }

    @Test
    void aSwapTakesEffectAtTheNextBatchAndEveryAnswerNamesItsModel() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            for (long seq = 0; seq < MAX; seq++) {
                embedder.pipe(pair("cam", seq));
            }
            embedder.pipe(pair("cam", MAX));
            embedder.pipe(pair("cam", MAX + 1));
            assertTrue(registry.offer(TinyCheckpoints.event(2, v2)));
            embedder.lingerPasses();
            embedder.send(pair("cam", MAX + 2));

            List<AnomalyEnergy> energies = embedder.energies.readValuesToList();
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L),
                    energies.stream().map(AnomalyEnergy::getSequence).collect(Collectors.toList()));
            assertEquals(List.of("tiny-v1", "tiny-v1", "tiny-v1", "tiny-v1", "tiny-v2", "tiny-v2", "tiny-v2"),
                    energies.stream().map(AnomalyEnergy::getModelVersion).collect(Collectors.toList()),
                    "pairs waiting at the swap are scored, and stamped, by the new model");
            assertEquals(7, embedder.statistics("cam", 200).count(), "statistics are kept across the swap");
        }
    }

    @Test
    void withoutLingerEveryPairIsAnsweredAsItArrives() {
        EmbedderConfig config = config().toBuilder().batchLinger(Duration.ZERO).build();
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config, registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            embedder.pipe(pair("cam", 0));
            assertEquals(1, embedder.energies.getQueueSize());
            assertEquals(1, embedder.latents.getQueueSize());
        }
    }

    private static List<Long> pendingOffsets(EmbedderDriver embedder) {
        KeyValueStore<Long, byte[]> store = embedder.driver.getKeyValueStore(PairScoringProcessor.PENDING_STORE);
        List<Long> offsets = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> offsets.add(kv.key));
        }
        return offsets;
    }
}
