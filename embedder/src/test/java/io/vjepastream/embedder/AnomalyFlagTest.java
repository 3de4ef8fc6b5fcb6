package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.PairSample;
import io.vjepastream.records.AnomalyEnergy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The z-score and the anomaly flag: a stream of identical pairs, then one the model did not expect. */
class AnomalyFlagTest {
    private static final int SIZE = TinyCheckpoints.IMAGE_SIZE;
    private static final int WARMUP = 5;
    private static final byte[] GREY = TestPairs.solid(SIZE, 128, 128, 128);
    private static final byte[] NOISE = TestPairs.noise(SIZE, 7);

    @TempDir
    static Path checkpoints;
    static Path checkpoint;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void trainOnAStillGreyScene() throws Exception {
        checkpoint = TinyCheckpoints.write(checkpoints.resolve("v1"), 5,
                new PairSample(List.of(GREY, GREY), List.of(GREY)));
    }

    @Test
    void aSurpriseAfterTheWarmUpIsFlaggedAndOneDuringItIsNot() {
        EmbedderConfig config = EmbedderConfig.builder("unused:9092").stateDir(stateDir)
                .zScoreWarmup(WARMUP).anomalyThreshold(3).build();
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config, registry)) {
            registry.offer(TinyCheckpoints.event(1, checkpoint));
            // The flag is about the topology, not about what this small model has learnt: the pair it finds
            // less surprising is the routine one, the other the surprise.
            double still = energy(registry, GREY, GREY);
            double noisy = energy(registry, GREY, NOISE);
            assertTrue(Math.max(still, noisy) > 1.05 * Math.min(still, noisy),
                    "the model must tell the pairs apart: " + still + " vs " + noisy);
            byte[] routine = still < noisy ? GREY : NOISE;
            byte[] surprise = still < noisy ? NOISE : GREY;

            for (long seq = 0; seq < 3; seq++) {
                embedder.send(TestPairs.pair("early", seq, SIZE, GREY, routine));
            }
            embedder.send(TestPairs.pair("early", 3, SIZE, GREY, surprise));
            for (long seq = 0; seq < 8; seq++) {
                embedder.send(TestPairs.pair("cam", seq, SIZE, GREY, routine));
            }
            embedder.send(TestPairs.pair("cam", 8, SIZE, GREY, surprise));

            List<AnomalyEnergy> energies = embedder.energies.readValuesToList();
            assertEquals(13, energies.size());
            AnomalyEnergy early = energies.get(3);
            assertEquals("early", early.getStreamId());
            assertTrue(early.getZScore() >= 3, "z " + early.getZScore());
            assertFalse(early.getAnomalous(), "only 3 pairs seen, warm-up is " + WARMUP);

            for (AnomalyEnergy routinePair : energies.subList(4, 12)) {
                assertEquals(0, routinePair.getZScore(), 0.5, "identical pairs are not surprising");
                assertFalse(routinePair.getAnomalous());
            }
            AnomalyEnergy flagged = energies.get(12);
            assertEquals("cam", flagged.getStreamId());
            assertEquals(8, flagged.getSequence());
            assertTrue(flagged.getZScore() >= 3, "z " + flagged.getZScore());
            assertTrue(flagged.getAnomalous());
            assertEquals(1, embedder.metrics.anomalies());
            assertEquals(9, embedder.statistics("cam", config.statsHalfLife()).count());
        }
    }

    private static double energy(ModelRegistry registry, byte[] context, byte[] target) {
        PairSample sample = new PairSample(List.of(context, context), List.of(target));
        return registry.use(lease -> lease.inference().score(List.of(sample)).get(0).energy());
    }
}
