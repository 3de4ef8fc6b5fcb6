package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import io.vjepastream.records.CheckpointEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    static Path dir;
    static Path v1;
    static Path v2;

    @BeforeAll
    static void writeCheckpoints() throws Exception {
        v1 = TinyCheckpoints.write(dir.resolve("v1"));
        v2 = TinyCheckpoints.write(dir.resolve("v2"));
    }

    @Test
    void loadsOnlyCheckpointsNewerThanTheServingOne() throws Exception {
        try (ModelRegistry registry = new ModelRegistry("")) {
            assertFalse(registry.awaitModel(Duration.ofMillis(10)));
            assertEquals(Optional.empty(), registry.currentVersion());
            assertThrows(IllegalStateException.class, registry::lease);

            assertTrue(registry.offer(TinyCheckpoints.event(1, v1)));
            assertTrue(registry.awaitModel(Duration.ZERO));
            assertEquals(Optional.of("tiny-v1"), registry.currentVersion());

            assertFalse(registry.offer(TinyCheckpoints.event(1, v2)), "same version again");
            assertTrue(registry.offer(TinyCheckpoints.event(3, v2)));
            assertFalse(registry.offer(TinyCheckpoints.event(2, v1)), "older version");
            assertEquals(Optional.of("tiny-v3"), registry.currentVersion());
            assertEquals(2, registry.loads());
        }
    }

    @Test
    void aCheckpointThatCannotBeLoadedLeavesTheOldModelServing() throws Exception {
        try (ModelRegistry registry = new ModelRegistry("")) {
            registry.offer(TinyCheckpoints.event(1, v1));
            Path empty = Files.createDirectories(dir.resolve("empty"));
            assertFalse(registry.offer(TinyCheckpoints.event(2, empty)));
            assertFalse(registry.offer(TinyCheckpoints.event(3, dir.resolve("missing"))));
            assertEquals(2, registry.loadFailures());
            assertEquals(Optional.of("tiny-v1"), registry.currentVersion());
            Scored scored = registry.use(lease -> lease.inference().score(List.of(greyPair())).get(0));
            assertTrue(Double.isFinite(scored.energy()));
        }
    }

    @Test
    void aCheckpointThatFailsVerificationIsNeverLoaded() throws Exception {
        Path altered = TinyCheckpoints.write(dir.resolve("altered"));
        CheckpointEvent announced = TinyCheckpoints.event(2, altered);
        Files.writeString(altered.resolve("config.properties"), "\n# edited after sealing\n",
                java.nio.file.StandardOpenOption.APPEND);
        CheckpointEvent mislabelled = CheckpointEvent.newBuilder(TinyCheckpoints.event(3, v2))
                .setSha256("00".repeat(32)).build();
        try (ModelRegistry registry = new ModelRegistry("")) {
            registry.offer(TinyCheckpoints.event(1, v1));
            assertFalse(registry.offer(announced), "a file changed after the manifest was written");
            assertFalse(registry.offer(mislabelled), "a manifest other than the announced one");
            assertEquals(2, registry.loadFailures());
            assertEquals(Optional.of("tiny-v1"), registry.currentVersion());
        }
    }

    @Test
    void aLeaseKeepsItsModelAndVersionAcrossASwap() throws Exception {
        try (ModelRegistry registry = new ModelRegistry("")) {
            registry.offer(TinyCheckpoints.event(1, v1));
            try (ModelRegistry.Lease old = registry.lease()) {
                assertTrue(registry.offer(TinyCheckpoints.event(2, v2)));
                assertEquals(Optional.of("tiny-v2"), registry.currentVersion());
                assertEquals("tiny-v1", old.version());
                Scored scored = old.inference().score(List.of(greyPair())).get(0);
                assertEquals(TinyCheckpoints.CONFIG.encoderWidth(), scored.embedding().length);
            }
            assertEquals("tiny-v2", registry.use(ModelRegistry.Lease::version));
        }
    }

    @Test
    void aCheckpointOfAnotherFrameSizeIsRefusedAndTheOldModelKeepsServing() throws Exception {
        JepaConfig larger = TinyCheckpoints.CONFIG.toBuilder().imageSize(48).build();
        byte[] grey = TestPairs.solid(48, 128, 128, 128);
        Path other = TinyCheckpoints.write(dir.resolve("larger"), larger, 0,
                new PairSample(List.of(grey, grey), List.of(grey)));
        try (ModelRegistry registry = new ModelRegistry("")) {
            registry.offer(TinyCheckpoints.event(1, v1));
            assertFalse(registry.offer(TinyCheckpoints.event(2, other)));
            assertEquals(Optional.of("tiny-v1"), registry.currentVersion());
            assertEquals(1, registry.loadFailures());
            String reason = registry.lastLoadFailure().orElseThrow();
            assertTrue(reason.contains("tiny-v2") && reason.contains("incompatible with the serving tiny-v1")
                    && reason.contains("image size 48 where the serving model has 32"), reason);
            Scored scored = registry.use(lease -> lease.inference().score(List.of(greyPair())).get(0));
            assertTrue(Double.isFinite(scored.energy()), "the old model still scores");
            assertTrue(registry.offer(TinyCheckpoints.event(3, v2)), "a compatible checkpoint after it is taken");
        }
    }

    @Test
    void compatibilityLooksAtWhatChangesInputsOrOutputs() {
        JepaConfig base = TinyCheckpoints.CONFIG;
        assertEquals(null, ModelRegistry.incompatibility(base, base.toBuilder().encoderDepth(3).learningRate(0.1f).build()));
        String difference = ModelRegistry.incompatibility(base, base.toBuilder().patchSize(4).encoderWidth(64).build());
        assertTrue(difference.contains("patch size 4") && difference.contains("embedding width 64"), difference);
    }

    @Test
    void servesOnlyTheConfiguredModelId() throws Exception {
        try (ModelRegistry registry = new ModelRegistry("other")) {
            assertFalse(registry.offer(TinyCheckpoints.event(1, v1)));
            assertEquals(Optional.empty(), registry.currentVersion());
        }
    }

    @Test
    void aClosedRegistryServesNothing() throws Exception {
        ModelRegistry registry = new ModelRegistry("");
        registry.offer(TinyCheckpoints.event(1, v1));
        registry.close();
        assertThrows(IllegalStateException.class, registry::lease);
        assertFalse(registry.offer(TinyCheckpoints.event(2, v2)));
        assertFalse(registry.awaitModel(Duration.ZERO));
    }

    private static PairSample greyPair() {
        byte[] grey = TestPairs.solid(TinyCheckpoints.IMAGE_SIZE, 128, 128, 128);
        return new PairSample(List.of(grey, grey), List.of(grey));
    }
}
