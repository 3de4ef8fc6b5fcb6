package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void savedModelScoresLikeTheTrainerBeforeSaving() throws IOException {
        JepaConfig config = TestConfigs.small();
        MovingSquares video = new MovingSquares(config, 11);
        List<PairSample> probe = video.batch(3);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < 3; i++) {
                trainer.step(video.batch(4));
            }
            List<Scored> before = PairScorer.score(trainer.networks(), probe);
            trainer.save(dir);
            try (JepaInference loaded = JepaInference.load(dir)) {
                assertEquals(config, loaded.config());
                List<Scored> after = loaded.score(probe);
                for (int i = 0; i < probe.size(); i++) {
                    assertEquals(before.get(i).energy(), after.get(i).energy(), 1e-5);
                    assertArrayEquals(before.get(i).embedding(), after.get(i).embedding(), 1e-5f);
                    assertArrayEquals(before.get(i).patchEnergy(), after.get(i).patchEnergy(), 1e-5f);
                }
            }
        }
        for (String name : List.of("config.properties", "online-encoder.params", "target-encoder.params",
                "predictor.params", "optimizer.params", "trainer.properties")) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
    }

    @Test
    void loadedWeightsEqualTheSavedOnes() throws IOException {
        JepaConfig config = TestConfigs.small();
        MovingSquares video = new MovingSquares(config, 12);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            trainer.step(video.batch(4));
            trainer.step(video.batch(4));
            trainer.save(dir);
            try (JepaNetworks loaded = CheckpointFiles.load(dir)) {
                assertSameWeights(trainer.networks().online(), loaded.online());
                assertSameWeights(trainer.networks().target(), loaded.target());
                assertSameWeights(trainer.networks().predictor(), loaded.predictor());
            }
        }
    }

    @Test
    void restoreContinuesFromTheSameWeightsAndStepCount() throws IOException {
        JepaConfig config = TestConfigs.small();
        MovingSquares video = new MovingSquares(config, 13);
        List<PairSample> next = video.batch(4);
        try (JepaTrainer original = new JepaTrainer(config)) {
            for (int i = 0; i < 4; i++) {
                original.step(video.batch(4));
            }
            original.save(dir);
            try (JepaTrainer restored = JepaTrainer.restore(dir)) {
                assertEquals(4, restored.steps());
                assertEquals(config, restored.config());
                StepResult a = original.step(next);
                StepResult b = restored.step(next);
                // the loss is taken before the update, so equal weights give equal losses
                assertEquals(a.loss(), b.loss(), 1e-5f);
                assertEquals(5, b.step());
                // the AdamW moments were restored too, so the next update is the same as well
                StepResult c = restored.step(next);
                assertEquals(original.step(next).loss(), c.loss(), 1e-5f);
                assertTrue(Float.isFinite(c.loss()) && c.loss() != b.loss(), "the restored trainer learns on");
            }
        }
    }

    @Test
    void everyVariantRoundTripsWithItsStateAndLearningRateScale() throws IOException {
        JepaConfig config = TestConfigs.small().toBuilder().encoderType(EncoderType.CNN)
                .targetEncoderMode(TargetEncoderMode.NONE).auxLoss(AuxLossType.DINO).actionDim(2)
                .lrSchedule(LrSchedule.COSINE).totalSteps(50).build();
        MovingSquares video = new MovingSquares(config, 14);
        List<PairSample> next = video.batch(4);
        try (JepaTrainer original = new JepaTrainer(config)) {
            original.step(video.batch(4));
            original.step(video.batch(4));
            original.scaleLearningRate(0.5);
            original.save(dir);
            try (JepaTrainer restored = JepaTrainer.restore(dir)) {
                assertEquals(config, restored.config());
                assertEquals(original.learningRate(), restored.learningRate(), 1e-12);
                assertEquals(original.step(next).loss(), restored.step(next).loss(), 1e-5f);
                assertEquals(original.step(next).loss(), restored.step(next).loss(), 1e-5f, "same moments and centre");
            }
        }
    }

    @Test
    void aCheckpointWithoutMomentsStartsThemAfreshWithAWarmUp() throws IOException {
        JepaConfig config = TestConfigs.small();
        MovingSquares video = new MovingSquares(config, 15);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < 12; i++) {
                trainer.step(video.batch(2));
            }
            assertEquals(config.learningRate(), trainer.learningRate(), 1e-9);
            trainer.save(dir);
        }
        Files.delete(dir.resolve("optimizer.params"));
        try (JepaTrainer restored = JepaTrainer.restore(dir)) {
            assertEquals(12, restored.steps());
            assertEquals(config.learningRate() / config.warmupSteps(), restored.learningRate(), 1e-9);
            assertTrue(Float.isFinite(restored.step(video.batch(2)).loss()));
        }
    }

    @Test
    void missingOrBrokenFilesAreNamed() throws IOException {
        try (JepaTrainer trainer = new JepaTrainer(TestConfigs.small())) {
            trainer.save(dir);
        }
        Path predictor = dir.resolve("predictor.params");
        byte[] bytes = Files.readAllBytes(predictor);
        Files.write(predictor, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException truncated = assertThrows(IOException.class, () -> JepaInference.load(dir));
        assertTrue(truncated.getMessage().contains(predictor.toString()), truncated.getMessage());

        Files.delete(predictor);
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> JepaInference.load(dir));
        assertEquals(predictor.toString(), missing.getFile());
        assertTrue(missing.getMessage().contains("predictor.params"), missing.getMessage());
        assertThrows(NoSuchFileException.class, () -> JepaTrainer.restore(dir));

        Path config = dir.resolve("config.properties");
        Files.delete(config);
        NoSuchFileException noConfig = assertThrows(NoSuchFileException.class, () -> JepaInference.load(dir));
        assertEquals(config.toString(), noConfig.getFile());

        assertThrows(NoSuchFileException.class, () -> {
            try (JepaTrainer trainer = new JepaTrainer(TestConfigs.small())) {
                trainer.save(dir.resolve("absent"));
            }
        });
    }

    @Test
    void weightsThatDoNotFitTheConfigAreRefused() throws IOException {
        try (JepaTrainer trainer = new JepaTrainer(TestConfigs.small())) {
            trainer.save(dir);
        }
        JepaConfig wider = TestConfigs.small().toBuilder().encoderWidth(128).build();
        CheckpointFiles.writeProperties(dir.resolve("config.properties"), wider.toProperties(), "edited");
        IOException e = assertThrows(IOException.class, () -> JepaInference.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void aPredictorOfAnotherTypeIsRefusedNamingItsFile() throws IOException {
        try (JepaTrainer trainer = new JepaTrainer(TestConfigs.small())) {
            trainer.save(dir);
        }
        JepaConfig transport = TestConfigs.small().toBuilder().predictorType(PredictorType.TRANSPORT).build();
        CheckpointFiles.writeProperties(dir.resolve("config.properties"), transport.toProperties(), "edited");
        IOException e = assertThrows(IOException.class, () -> JepaInference.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve("predictor.params").toString()), e.getMessage());
    }

    @Test
    void aCheckpointWrittenBeforePredictorTypesHoldsATransformer() throws IOException {
        JepaConfig transformer = TestConfigs.small();
        try (JepaTrainer trainer = new JepaTrainer(transformer)) {
            trainer.save(dir);
        }
        java.util.Map<String, String> old = new java.util.TreeMap<>(transformer.toProperties());
        old.remove("predictorType");
        old.remove("transportRadius");
        old.remove("changeWeight");
        CheckpointFiles.writeProperties(dir.resolve("config.properties"), old, "written before predictor types");
        try (JepaInference model = JepaInference.load(dir)) {
            assertEquals(PredictorType.TRANSFORMER, model.config().predictorType());
        }
    }

    private static void assertSameWeights(ai.djl.nn.Block expected, ai.djl.nn.Block actual) {
        var a = expected.getParameters().values();
        var b = actual.getParameters().values();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).getArray().toFloatArray(), b.get(i).getArray().toFloatArray(), a.get(i).getName());
        }
    }
}
