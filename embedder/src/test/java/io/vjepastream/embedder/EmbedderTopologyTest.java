package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedderTopologyTest {
    private static final int SIZE = TinyCheckpoints.IMAGE_SIZE;

    @TempDir
    static Path checkpoints;
    static Path v1;
    static Path v2;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void writeCheckpoints() throws Exception {
        v1 = TinyCheckpoints.write(checkpoints.resolve("v1"));
        v2 = TinyCheckpoints.write(checkpoints.resolve("v2"));
    }

    private EmbedderConfig config() {
        return EmbedderConfig.builder("unused:9092").stateDir(stateDir).build();
    }

    @Test
    void everyPairGetsOneLatentStateAndOneEnergyAboutItsLastTargetFrame() {
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            for (long seq = 0; seq < 3; seq++) {
                embedder.send(TestPairs.pair("cam-1", seq, SIZE, TestPairs.noise(SIZE, seq), TestPairs.noise(SIZE, 100 + seq)));
            }

            List<TestRecord<String, LatentState>> latents = embedder.latents.readRecordsToList();
            List<TestRecord<String, AnomalyEnergy>> energies = embedder.energies.readRecordsToList();
            assertEquals(3, latents.size());
            assertEquals(3, energies.size());
            for (int i = 0; i < 3; i++) {
                LatentState latent = latents.get(i).value();
                assertEquals("cam-1", latents.get(i).key());
                assertEquals("cam-1", latent.getStreamId());
                assertEquals(i, latent.getSequence());
                assertEquals(TestPairs.targetPts(i), latent.getPtsMicros());
                assertEquals(TestPairs.CAPTURE_ORIGIN + TestPairs.targetPts(i), latent.getCaptureTimeMicros());
                assertEquals("tiny-v1", latent.getModelVersion());
                assertEquals(TinyCheckpoints.CONFIG.encoderWidth(), latent.getEmbedding().size());
                assertTrue(latent.getEmbedding().stream().allMatch(Float::isFinite), "embedding " + latent.getEmbedding());

                AnomalyEnergy energy = energies.get(i).value();
                assertEquals("cam-1", energies.get(i).key());
                assertEquals(i, energy.getSequence());
                assertEquals(TestPairs.targetPts(i), energy.getPtsMicros());
                assertEquals(latent.getCaptureTimeMicros(), energy.getCaptureTimeMicros());
                assertEquals("tiny-v1", energy.getModelVersion());
                assertTrue(Double.isFinite(energy.getEnergy()) && energy.getEnergy() >= 0, "energy " + energy.getEnergy());
                assertTrue(Double.isFinite(energy.getZScore()), "z " + energy.getZScore());
                assertFalse(energy.getAnomalous(), "no flag during the warm-up");
                int grid = TinyCheckpoints.CONFIG.gridSize();
                assertEquals(grid * grid, energy.getPatchEnergy().size());
                assertTrue(energy.getPatchEnergy().stream().allMatch(Float::isFinite));
            }
            assertEquals(3, embedder.statistics("cam-1", 200).count());
            assertEquals(3, embedder.metrics.pairsScored());
            assertTrue(embedder.deadLetters.isEmpty());
        }
    }

    @Test
    void unusableRecordsGoToTheDeadLetterTopicAndTheNextPairIsStillAnswered() {
        byte[] grey = TestPairs.solid(SIZE, 128, 128, 128);
        Frame truncated = TestPairs.frame(2, SIZE, new byte[100]);
        FramePair truncatedTarget = TestPairs.pair("cam-2", 1, List.of(TestPairs.frame(0, SIZE, grey),
                TestPairs.frame(1, SIZE, grey)), List.of(truncated), SIZE);
        byte[] small = TestPairs.solid(16, 128, 128, 128);
        FramePair wrongSize = TestPairs.pair("cam-2", 2, 16, small, small);
        FramePair oneContextFrame = TestPairs.pair("cam-2", 3, List.of(TestPairs.frame(3, SIZE, grey)),
                List.of(TestPairs.frame(5, SIZE, grey)), SIZE);
        List<byte[]> bad = List.of("definitely not a frame pair".getBytes(StandardCharsets.UTF_8),
                Serdes.framePair().encode(truncatedTarget), Serdes.framePair().encode(wrongSize),
                Serdes.framePair().encode(oneContextFrame));

        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            bad.forEach(bytes -> embedder.pairs.pipeInput("cam-2", bytes));
            // The last bad pair has too few context frames for the model: the decoder says so before any batch.
            embedder.send(TestPairs.pair("cam-2", 4, SIZE, grey, grey));

            List<TestRecord<String, byte[]>> dead = embedder.deadLetters.readRecordsToList();
            assertEquals(4, dead.size());
            List<String> expectedReasons = List.of("cannot decode FramePair", "target frame 0",
                    "context frame 0 is 16x16; the model takes 32x32",
                    "pair has 1 context frames; the model takes 2");
            for (int i = 0; i < dead.size(); i++) {
                TestRecord<String, byte[]> record = dead.get(i);
                assertEquals("cam-2", record.key());
                assertArrayEquals(bad.get(i), record.value(), "the original bytes, unchanged");
                String reason = header(record, Topics.DLQ_REASON_HEADER);
                assertTrue(reason.contains(expectedReasons.get(i)), "reason of record " + i + ": " + reason);
                assertFalse(reason.contains("\n"), "one line: " + reason);
                assertEquals("embedder", header(record, Topics.DLQ_SERVICE_HEADER));
            }
            List<LatentState> latents = embedder.latents.readValuesToList();
            assertEquals(1, latents.size());
            assertEquals(4, latents.get(0).getSequence());
            assertEquals(1, embedder.energies.readValuesToList().size());
            assertEquals(4, embedder.metrics.pairsDeadLettered());
            assertEquals(1, embedder.metrics.pairsScored());
        }
    }

    @Test
    void aRecordOfAnotherSchemaIsDeadLetteredWithTheReason() {
        LatentState other = LatentState.newBuilder().setStreamId("cam-4").setSequence(0).setPtsMicros(0)
                .setCaptureTimeMicros(0).setModelVersion("x").setEmbedding(List.of(1f)).setTokens(null).build();
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            embedder.pairs.pipeInput("cam-4", Serdes.latentState().encode(other));
            List<TestRecord<String, byte[]>> dead = embedder.deadLetters.readRecordsToList();
            assertEquals(1, dead.size());
            String reason = header(dead.get(0), Topics.DLQ_REASON_HEADER);
            assertTrue(reason.contains("cannot decode FramePair"), reason);
            assertTrue(embedder.latents.isEmpty());
        }
    }

    @Test
    void outputsNameTheModelThatScoredThemAcrossSwapsAndFailedLoads() {
        byte[] grey = TestPairs.solid(SIZE, 128, 128, 128);
        try (ModelRegistry registry = new ModelRegistry("");
             EmbedderDriver embedder = new EmbedderDriver(config(), registry)) {
            registry.offer(TinyCheckpoints.event(1, v1));
            embedder.send(TestPairs.pair("cam-3", 0, SIZE, grey, grey));
            embedder.send(TestPairs.pair("cam-3", 1, SIZE, grey, grey));
            assertTrue(registry.offer(TinyCheckpoints.event(2, v2)));
            embedder.send(TestPairs.pair("cam-3", 2, SIZE, grey, grey));
            embedder.send(TestPairs.pair("cam-3", 3, SIZE, grey, grey));
            assertFalse(registry.offer(TinyCheckpoints.event(3, checkpoints.resolve("deleted"))));
            embedder.send(TestPairs.pair("cam-3", 4, SIZE, grey, grey));

            List<String> expected = List.of("tiny-v1", "tiny-v1", "tiny-v2", "tiny-v2", "tiny-v2");
            assertEquals(expected, embedder.latents.readValuesToList().stream()
                    .map(LatentState::getModelVersion).collect(Collectors.toList()));
            assertEquals(expected, embedder.energies.readValuesToList().stream()
                    .map(AnomalyEnergy::getModelVersion).collect(Collectors.toList()));
            assertEquals(5, embedder.statistics("cam-3", 200).count(), "statistics are kept across the swap");
        }
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "header " + name + " missing");
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
