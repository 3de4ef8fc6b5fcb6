package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void bundledDefaultsAreTheBuilderDefaultsAndDocumentEveryKey() {
        assertEquals(JepaConfig.defaults(), ModelConfigLoader.load(null, Map.of(), Map.of()));
        String yaml = ModelConfigLoader.defaultsYaml();
        for (String key : ConfigKeys.yamlNames()) {
            assertTrue(yaml.contains("\n  " + key + ": "), "default-model.yaml documents " + key);
        }
    }

    @Test
    void fileThenEnvironmentThenOverridesEachWin() throws IOException {
        Path file = write("""
                model:
                  latent_dim: 128
                  heads: 4
                  encoder_type: cnn
                  loss: l2
                  lr: 0.0005
                trainer:
                  batch_size: 8   # another section, left to its reader
                """);
        Map<String, String> env = Map.of("VJEPA_MODEL_LATENT_DIM", "64", "PATH", "/usr/bin",
                "VJEPA_MODEL_AUX_LOSS", "vicreg");
        Map<String, String> flags = ModelConfigLoader.parseOverrides(List.of("latent_dim=32", "model.lr_schedule=cosine"));
        JepaConfig c = ModelConfigLoader.load(file, env, flags);
        assertEquals(32, c.encoderWidth());
        assertEquals(4, c.encoderHeads());
        assertEquals(EncoderType.CNN, c.encoderType());
        assertEquals(LossType.L2, c.loss());
        assertEquals(5e-4f, c.learningRate());
        assertEquals(AuxLossType.VICREG, c.auxLoss());
        assertEquals(LrSchedule.COSINE, c.lrSchedule());
        assertEquals(JepaConfig.defaults().encoderDepth(), c.encoderDepth(), "untouched keys keep the bundled default");
        assertEquals(64, ModelConfigLoader.load(file, env, Map.of()).encoderWidth());
    }

    @Test
    void effectiveSettingsPrintAsYamlThatLoadsBack() throws IOException {
        JepaConfig config = JepaConfig.builder().encoderType(EncoderType.MLP).auxLoss(AuxLossType.BARLOW_TWINS)
                .learningRate(3.5e-4f).seed(-7).totalSteps(123_456_789_012L).build();
        String yaml = ModelConfigLoader.toYaml(config);
        assertTrue(yaml.startsWith("model:\n  image_size: 64\n"), yaml);
        assertTrue(yaml.contains("\n  aux_loss: barlow_twins\n"), yaml);
        assertEquals(config, ModelConfigLoader.load(write(yaml), Map.of(), Map.of()));
    }

    @Test
    void unknownKeysAreRefusedWhereverTheyAppear() throws IOException {
        Path file = write("model:\n  latent_dims: 64\n");
        IllegalArgumentException inFile = assertThrows(IllegalArgumentException.class,
                () -> ModelConfigLoader.load(file, Map.of(), Map.of()));
        assertTrue(inFile.getMessage().startsWith("unknown model config key 'latent_dims' in " + file
                + "; did you mean 'latent_dim'?; allowed keys: image_size, patch_size, encoder_type, latent_dim"),
                inFile.getMessage());
        IllegalArgumentException inEnv = assertThrows(IllegalArgumentException.class,
                () -> ModelConfigLoader.load(null, Map.of("VJEPA_MODEL_DEPHT", "2"), Map.of()));
        assertTrue(inEnv.getMessage().startsWith("unknown model config key 'depht' in environment variable"
                + " VJEPA_MODEL_DEPHT"), inEnv.getMessage());
        IllegalArgumentException inFlag = assertThrows(IllegalArgumentException.class,
                () -> ModelConfigLoader.load(null, Map.of(), Map.of("learning_rate", "0.1")));
        assertTrue(inFlag.getMessage().contains("'learning_rate'") && inFlag.getMessage().contains("lr"),
                inFlag.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfigLoader.parseOverrides(List.of("lr")));
    }

    @Test
    void invalidValuesNameKeyValueWhatIsAllowedAndSource() throws IOException {
        assertEquals("model config key 'encoder_type' has value 'resnet', which is not one of the allowed values:"
                        + " vit, cnn, mlp (from override encoder_type=resnet)",
                message(null, Map.of(), Map.of("encoder_type", "resnet")));
        assertEquals("invalid model config: learningRate=-0.1 must be a finite number > 0"
                        + " [lr from environment variable VJEPA_MODEL_LR]",
                message(null, Map.of("VJEPA_MODEL_LR", "-0.1"), Map.of()));
        Path file = write("model:\n  image_size: 60\n");
        assertEquals("invalid model config: imageSize=60 must be divisible by patchSize=8"
                        + " [image_size from " + file + "; patch_size from default-model.yaml]",
                message(file, Map.of(), Map.of()));
        Path deep = write("model:\n  depth: deep\n");
        assertEquals("model config key 'depth' has value 'deep', which is not a whole number (from " + deep + ")",
                message(deep, Map.of(), Map.of()));
        assertTrue(message(write("model: [1, 2]\n"), Map.of(), Map.of()).contains("must be a mapping"));
        assertTrue(message(dir.resolve("absent.yaml"), Map.of(), Map.of()).contains("does not exist"));
    }

    private String message(Path file, Map<String, String> env, Map<String, String> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> ModelConfigLoader.load(file, env, overrides))
                .getMessage();
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "model", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
