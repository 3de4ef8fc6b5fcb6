package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JepaTrainerTest {
    @Test
    void learnsToPredictMovingSquares() {
        JepaConfig config = TestConfigs.small();
        MovingSquares video = new MovingSquares(config, 7);
        List<Float> losses = new ArrayList<>();
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < 60; i++) {
                StepResult result = trainer.step(video.batch(8));
                assertFalse(Float.isNaN(result.loss()), "loss at step " + i);
                assertEquals(i + 1, result.step());
                assertTrue(result.nanos() > 0);
                assertTrue(result.gradientNorm() > 0 && Double.isFinite(result.gradientNorm()), "gradient norm at step " + i);
                losses.add(result.loss());
            }
            assertEquals(60, trainer.steps());
        }
        double first = mean(losses.subList(0, 10));
        double last = mean(losses.subList(50, 60));
        assertTrue(last < 0.7 * first, "mean loss of the last 10 steps " + last + " vs the first 10 " + first);
    }

    @Test
    void nativeMemoryStaysFlatAcrossSteps() {
        JepaConfig config = TestConfigs.small();
        MovingSquares video = new MovingSquares(config, 3);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            trainer.step(video.batch(2)); // the first update creates the AdamW moments
            int arrays = trainer.networks().manager().getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                trainer.step(video.batch(2));
            }
            assertEquals(arrays, trainer.networks().manager().getManagedArrays().size());
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 5).batch(4);
        float[] a = losses(config, batch);
        float[] b = losses(config, batch);
        assertEquals(a[2], b[2], 1e-6f);
        float[] other = losses(config.toBuilder().seed(43).build(), batch);
        assertTrue(Math.abs(a[0] - other[0]) > 1e-6f, "a different seed gives different weights");
    }

    @Test
    void stepsOnAnotherThreadToo() throws Exception {
        JepaConfig config = TestConfigs.small();
        List<PairSample> batch = new MovingSquares(config, 5).batch(2);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            trainer.step(batch);
            StepResult[] result = new StepResult[1];
            Thread worker = new Thread(() -> result[0] = trainer.step(batch));
            worker.start();
            worker.join();
            assertEquals(2, result[0].step());
            assertTrue(Float.isFinite(result[0].loss()));
        }
    }

    @Test
    void rejectsPairsOfTheWrongShape() {
        JepaConfig config = TestConfigs.small();
        PairSample good = new MovingSquares(config, 1).pair();
        byte[] frame = good.context().get(0);
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            InvalidPairException count = assertThrows(InvalidPairException.class,
                    () -> trainer.step(List.of(good, new PairSample(List.of(frame), good.target()))));
            assertEquals("pair 1 has 1 context frames, expected 2", count.getMessage());

            byte[] shortFrame = new byte[frame.length - 3];
            InvalidPairException size = assertThrows(InvalidPairException.class,
                    () -> trainer.step(List.of(new PairSample(good.context(), List.of(shortFrame)))));
            assertEquals("pair 0, target frame 0 has 3069 bytes, expected 3072 (32x32 RGB24)", size.getMessage());

            assertThrows(IllegalArgumentException.class, () -> trainer.step(List.of()));
            assertEquals(0, trainer.steps());
        }
    }

    private static float[] losses(JepaConfig config, List<PairSample> batch) {
        float[] losses = new float[3];
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < losses.length; i++) {
                losses[i] = trainer.step(batch).loss();
            }
        }
        return losses;
    }

    private static double mean(List<Float> values) {
        return values.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }
}
