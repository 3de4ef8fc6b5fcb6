package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JepaConfigTest {
    @Test
    void defaultsAreTheTinyCpuModel() {
        JepaConfig c = JepaConfig.defaults();
        assertEquals(64, c.imageSize());
        assertEquals(8, c.patchSize());
        assertEquals(8, c.gridSize());
        assertEquals(64, c.tokensPerFrame());
        assertEquals(64 * 64 * 3, c.frameBytes());
        assertEquals(192, c.encoderWidth());
        assertEquals(6, c.encoderDepth());
        assertEquals(3, c.encoderHeads());
        assertEquals(4, c.mlpRatio());
        assertEquals(96, c.predictorWidth());
        assertEquals(4, c.predictorDepth());
        assertEquals(2, c.contextFrames());
        assertEquals(1, c.targetFrames());
        assertEquals(0.04f, c.weightDecay());
        assertEquals(0.996f, c.emaMomentum());
        assertEquals(10, c.warmupSteps());
        assertEquals(10f, c.gradientClip());
        assertEquals(42L, c.seed());
    }

    @Test
    void propertiesRoundTripEveryField() {
        JepaConfig c = JepaConfig.builder().imageSize(48).patchSize(16).encoderWidth(64).encoderDepth(3)
                .encoderHeads(4).mlpRatio(2).predictorWidth(32).predictorDepth(1).predictorHeads(2)
                .contextFrames(3).targetFrames(2).learningRate(3.5e-4f).weightDecay(0.01f).emaMomentum(0.99925f)
                .warmupSteps(7).gradientClip(1.5f).seed(-1234567890123L).build();
        Map<String, String> properties = c.toProperties();
        assertEquals(17, properties.size());
        JepaConfig back = JepaConfig.fromProperties(properties);
        assertEquals(c, back);
        assertEquals(c.hashCode(), back.hashCode());
        assertEquals(properties, back.toProperties());
        assertEquals(c, c.toBuilder().build());
        assertNotEquals(c, c.toBuilder().seed(1).build());
        assertTrue(c.toString().contains("encoderWidth=64"), c.toString());
    }

    @Test
    void absentPropertiesKeepTheirDefaults() {
        JepaConfig c = JepaConfig.fromProperties(Map.of("imageSize", "32"));
        assertEquals(32, c.imageSize());
        assertEquals(192, c.encoderWidth());
    }

    @Test
    void invalidValuesAreRejectedWithKeyAndValue() {
        assertMessage("imageSize=60 must be divisible by patchSize=8", JepaConfig.builder().imageSize(60));
        assertMessage("encoderWidth=190 must be a positive multiple of 4", JepaConfig.builder().encoderWidth(190));
        assertMessage("encoderWidth=192 must be divisible by encoderHeads=5", JepaConfig.builder().encoderHeads(5));
        assertMessage("predictorWidth=96 must be divisible by predictorHeads=5", JepaConfig.builder().predictorHeads(5));
        assertMessage("emaMomentum=1.5 must be in [0, 1]", JepaConfig.builder().emaMomentum(1.5f));
        assertMessage("learningRate=0.0 must be a finite number > 0", JepaConfig.builder().learningRate(0f));
        assertMessage("contextFrames=0 must be >= 1", JepaConfig.builder().contextFrames(0));
        assertMessage("gradientClip=NaN must be a finite number > 0", JepaConfig.builder().gradientClip(Float.NaN));
    }

    @Test
    void badPropertiesAreRejectedWithKeyAndValue() {
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> JepaConfig.fromProperties(Map.of("imageSize", "large")));
        assertTrue(notNumber.getMessage().contains("imageSize") && notNumber.getMessage().contains("large"),
                notNumber.getMessage());
        Map<String, String> unknown = new HashMap<>(JepaConfig.defaults().toProperties());
        unknown.put("imagesize", "64");
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> JepaConfig.fromProperties(unknown));
        assertTrue(typo.getMessage().contains("'imagesize'"), typo.getMessage());
    }

    private static void assertMessage(String expected, JepaConfig.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(expected, e.getMessage());
    }
}
