package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
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
        assertEquals(128, c.encoderWidth());
        assertEquals(3, c.encoderDepth());
        assertEquals(4, c.encoderHeads());
        assertEquals(2, c.predictorHeads());
        assertEquals(4, c.mlpRatio());
        assertEquals(96, c.predictorWidth());
        assertEquals(2, c.predictorDepth());
        assertTrue(c.predictorResidual());
        assertFalse(c.predictorContextQueries());
        assertEquals(2, c.contextFrames());
        assertEquals(1, c.targetFrames());
        assertEquals(0.04f, c.weightDecay());
        assertEquals(0.996f, c.emaMomentum());
        assertEquals(10, c.warmupSteps());
        assertEquals(1f, c.gradientClip());
        assertEquals(42L, c.seed());
        assertEquals(EncoderType.VIT, c.encoderType());
        assertEquals(TargetEncoderMode.VJEPA2, c.targetEncoderMode());
        assertEquals(LossType.L1, c.loss());
        assertEquals(AuxLossType.NONE, c.auxLoss());
        assertEquals(LrSchedule.CONSTANT, c.lrSchedule());
        assertEquals(0f, c.predictorDropout());
        assertEquals(0, c.actionDim());
        assertEquals(c.emaMomentum(), c.emaEnd(), "a constant EMA momentum unless a ramp is asked for");
    }

    @Test
    void mlpEncoderMakesOneTokenPerFrameOnTheSameGrid() {
        JepaConfig c = JepaConfig.builder().encoderType(EncoderType.MLP).build();
        assertEquals(1, c.tokensPerFrame());
        assertEquals(8, c.gridSize());
    }

    @Test
    void newSettingsAreCheckedToo() {
        assertMessage("predictorDropout=1.0 must be in [0, 1)", JepaConfig.builder().predictorDropout(1f));
        assertMessage("actionDim=-1 must be >= 0", JepaConfig.builder().actionDim(-1));
        assertMessage("auxWeight=-0.1 must be a finite number >= 0", JepaConfig.builder().auxWeight(-0.1f));
        assertMessage("emaEnd=1.1 must be in [0, 1]", JepaConfig.builder().emaEnd(1.1f));
        assertMessage("totalSteps=10 must be greater than warmupSteps=10 for lrSchedule=cosine",
                JepaConfig.builder().lrSchedule(LrSchedule.COSINE).totalSteps(10));
        assertMessage("encoderWidth=196 must be a multiple of 8 for encoderType=cnn (its stem is half as wide)",
                JepaConfig.builder().encoderType(EncoderType.CNN).encoderWidth(196).encoderHeads(4));
        assertMessage("encoderType must be set", JepaConfig.builder().encoderType(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JepaConfig.fromProperties(Map.of("encoderType", "resnet")));
        assertEquals("model config key 'encoderType' has value 'resnet', which is not one of the allowed values:"
                + " vit, cnn, mlp", e.getMessage());
    }

    @Test
    void propertiesRoundTripEveryField() {
        JepaConfig c = JepaConfig.builder().imageSize(48).patchSize(16).encoderWidth(64).encoderDepth(3)
                .encoderHeads(4).mlpRatio(2).predictorWidth(32).predictorDepth(1).predictorHeads(2)
                .contextFrames(3).targetFrames(2).learningRate(3.5e-4f).weightDecay(0.01f).emaMomentum(0.99925f)
                .warmupSteps(7).gradientClip(1.5f).seed(-1234567890123L)
                .encoderType(EncoderType.CNN).predictorDropout(0.1f).actionDim(7).actionEmbDim(8)
                .targetEncoderMode(TargetEncoderMode.NONE).loss(LossType.L2).auxLoss(AuxLossType.BARLOW_TWINS)
                .auxWeight(0.25f).vicregSimCoeff(25f).vicregStdCoeff(24f).vicregCovCoeff(2f).barlowLambda(0.01f)
                .dinoCenterMomentum(0.95f).lrSchedule(LrSchedule.COSINE).finalLearningRate(1e-5f).emaEnd(1f)
                .totalSteps(5000).auxViews(AuxViews.TOKENS).predictorResidual(true)
                .predictorContextQueries(true).transportRadius(2).changeWeight(3.5f).build();
        Map<String, String> properties = c.toProperties();
        assertEquals(40, properties.size());
        assertEquals("2", properties.get("transportRadius"));
        assertEquals("3.5", properties.get("changeWeight"));
        assertEquals("tokens", properties.get("auxViews"));
        assertEquals("true", properties.get("predictorResidual"));
        assertEquals("true", properties.get("predictorContextQueries"));
        assertEquals("cnn", properties.get("encoderType"));
        assertEquals("barlow_twins", properties.get("auxLoss"));
        JepaConfig back = JepaConfig.fromProperties(properties);
        assertEquals(c, back);
        assertEquals(c.hashCode(), back.hashCode());
        assertEquals(properties, back.toProperties());
        assertEquals(c, c.toBuilder().build());
        assertNotEquals(c, c.toBuilder().seed(1).build());
        // every field takes part in equality, so a checkpoint of another config is refused
        assertNotEquals(c, c.toBuilder().encoderType(EncoderType.VIT).build());
        assertNotEquals(c, c.toBuilder().predictorDropout(0.2f).build());
        assertNotEquals(c, c.toBuilder().actionDim(6).build());
        assertNotEquals(c, c.toBuilder().targetEncoderMode(TargetEncoderMode.VJEPA2).build());
        assertNotEquals(c, c.toBuilder().loss(LossType.L1).build());
        assertNotEquals(c, c.toBuilder().auxViews(AuxViews.POOLED).build());
        assertNotEquals(c, c.toBuilder().predictorResidual(false).build());
        assertNotEquals(c, c.toBuilder().predictorContextQueries(false).build());
        assertNotEquals(c, c.toBuilder().auxWeight(0.5f).build());
        assertNotEquals(c, c.toBuilder().lrSchedule(LrSchedule.CONSTANT).build());
        assertNotEquals(c, c.toBuilder().emaEnd(0.999f).build());
        assertNotEquals(c, c.toBuilder().totalSteps(5001).build());
        assertTrue(c.toString().contains("encoderWidth=64"), c.toString());
    }

    @Test
    void absentPropertiesKeepTheirDefaults() {
        JepaConfig c = JepaConfig.fromProperties(Map.of("imageSize", "32"));
        assertEquals(32, c.imageSize());
        assertEquals(128, c.encoderWidth());
    }

    @Test
    void invalidValuesAreRejectedWithKeyAndValue() {
        assertMessage("imageSize=60 must be divisible by patchSize=8", JepaConfig.builder().imageSize(60));
        assertMessage("encoderWidth=190 must be a positive multiple of 4", JepaConfig.builder().encoderWidth(190));
        assertMessage("encoderWidth=128 must be divisible by encoderHeads=5", JepaConfig.builder().encoderHeads(5));
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

    @Test
    void differencesNameEachSettingByItsYamlKeyWithBothValues() {
        JepaConfig current = JepaConfig.defaults();
        JepaConfig older = current.toBuilder().predictorHeads(4).gradientClip(10f).build();

        List<String[]> differences = older.differences(current);

        assertEquals(2, differences.size());
        assertArrayEquals(new String[] {"pred_heads", "4", "2"}, differences.get(0));
        assertArrayEquals(new String[] {"grad_clip", "10.0", "1.0"}, differences.get(1));
        assertTrue(current.differences(JepaConfig.defaults()).isEmpty());
    }
}
