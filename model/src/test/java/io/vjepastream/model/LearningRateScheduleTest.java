package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmUpThenConstant() {
        LearningRateSchedule s = new LearningRateSchedule(JepaConfig.builder().learningRate(1e-3f).warmupSteps(10).build());
        assertEquals(1e-4, s.rate(1, 0), 1e-9);
        assertEquals(5e-4, s.rate(5, 0), 1e-9);
        assertEquals(1e-3, s.rate(10, 0), 1e-9);
        assertEquals(1e-3, s.rate(1_000_000, 0), 1e-9);
        // after a restore without optimiser moments the warm-up runs again from the restored step
        assertEquals(2e-4, s.rate(102, 100), 1e-9);
    }

    @Test
    void warmUpThenCosineToTheFinalRate() {
        JepaConfig config = JepaConfig.builder().learningRate(1e-3f).finalLearningRate(1e-5f)
                .lrSchedule(LrSchedule.COSINE).warmupSteps(10).totalSteps(110).build();
        LearningRateSchedule s = new LearningRateSchedule(config);
        assertEquals(5e-4, s.rate(5, 0), 1e-9, "warm-up");
        assertEquals(1e-3, s.rate(10, 0), 1e-9, "peak");
        // half-way through the cosine: floor + (peak - floor) * 0.5 * (1 + cos(pi / 2))
        assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5, s.rate(60, 0), 1e-9);
        // a quarter: cos(pi / 4)
        assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.sqrt(0.5)), s.rate(35, 0), 1e-9);
        assertEquals(1e-5, s.rate(110, 0), 1e-9);
        assertEquals(1e-5, s.rate(500, 0), 1e-9);
    }

    @Test
    void emaMomentumRampsLinearlyThenStays() {
        JepaConfig config = JepaConfig.builder().emaMomentum(0.998f).emaEnd(1f).totalSteps(100).build();
        LearningRateSchedule s = new LearningRateSchedule(config);
        assertEquals(0.998f, s.emaMomentum(0), 1e-7f);
        assertEquals(0.999f, s.emaMomentum(50), 1e-7f);
        assertEquals(1f, s.emaMomentum(100), 1e-7f);
        assertEquals(1f, s.emaMomentum(1000), 1e-7f);
        assertEquals(0.996f, new LearningRateSchedule(JepaConfig.defaults()).emaMomentum(12345), "constant by default");
    }
}
