package io.vjepastream.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.cli.EnvironmentDefaults;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vjepa embed's embedder options come from EmbedderConfig.SETTINGS: one per setting, with its default and doc. */
class EmbedCommandTest {
    private static EmbedderConfig parsed(Map<String, String> environment, String... args) {
        EmbedCommand command = new EmbedCommand();
        new CommandLine(command).setDefaultValueProvider(new EnvironmentDefaults(environment)).parseArgs(args);
        return command.config();
    }

    private static EmbedderConfig parsed(String... args) {
        return parsed(Map.of(), args);
    }

    @Test
    void scoresWithTheTargetEncoderAndTheStandardisedEnergyInBatchesOf32ByDefault() {
        EmbedderConfig config = parsed();
        assertEquals(ContextEncoder.TARGET, config.contextEncoder());
        assertEquals(EnergyMeasure.STANDARDISED, config.energyMeasure());
        assertEquals(32, config.batchMaxPairs());
        assertEquals(Path.of("vjepa-streams"), config.stateDir());
        assertFalse(config.emitTokens());
    }

    @Test
    void optionsAndVariablesReachTheConfig() {
        EmbedderConfig config = parsed(Map.of("VJEPA_STATS_HALF_LIFE", "50"), "--context-encoder", "AS_TRAINED",
                "--energy-measure", "training_distance", "--anomaly-threshold", "4", "--z-score-warmup", "10",
                "--batch-max", "8", "--batch-linger", "20ms", "--frame-cache", "0", "--emit-tokens",
                "--application-id", "embedder-b");
        assertEquals(ContextEncoder.AS_TRAINED, config.contextEncoder());
        assertEquals(EnergyMeasure.TRAINING_DISTANCE, config.energyMeasure());
        assertEquals(4.0, config.anomalyThreshold());
        assertEquals(10, config.zScoreWarmup());
        assertEquals(50.0, config.statsHalfLife(), "from VJEPA_STATS_HALF_LIFE");
        assertEquals(8, config.batchMaxPairs());
        assertEquals(Duration.ofMillis(20), config.batchLinger());
        assertEquals(0, config.frameCacheFrames());
        assertTrue(config.emitTokens(), "--emit-tokens alone switches it on");
        assertEquals("embedder-b", config.applicationId());
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheOptionAndTheAllowedValues() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parsed("--energy-measure", "l1"));
        assertTrue(e.getMessage().contains("--energy-measure") && e.getMessage().contains("standardised, training_distance"),
                e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> parsed("--context-encoder", "online"));
        assertTrue(e.getMessage().contains("--context-encoder") && e.getMessage().contains("as_trained, target"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no Java class names for a typo: " + e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> parsed(Map.of("VJEPA_ANOMALY_THRESHOLD", "-1")));
        assertTrue(e.getMessage().contains("'--anomaly-threshold': '-1' must be a finite number > 0"), e.getMessage());
    }
}
