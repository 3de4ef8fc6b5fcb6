package io.vjepastream.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.cli.EnvironmentDefaults;
import io.vjepastream.trainer.TrainerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vjepa train's trainer options come from TrainerConfig.SETTINGS: one per setting, with its default and doc. */
class TrainCommandTest {
    @Test
    void optionsAndVariablesReachTheConfig() {
        TrainCommand command = new TrainCommand();
        CommandLine cli = new CommandLine(command)
                .setDefaultValueProvider(new EnvironmentDefaults(Map.of("VJEPA_REPLAY_CAPACITY", "64")));
        cli.parseArgs("--batch-size", "8", "--patience", "2", "--min-delta", "0.01", "--max-steps", "7",
                "--checkpoint-every", "5");
        TrainerConfig config = command.config();
        assertEquals(8, config.batchSize());
        assertEquals(64, config.replayCapacity(), "from VJEPA_REPLAY_CAPACITY");
        assertEquals(2, config.earlyStoppingPatience());
        assertEquals(0.01, config.earlyStoppingMinDelta());
        assertEquals(7, config.maxSteps());
        assertEquals(5, config.checkpointEverySteps());
        assertEquals(TrainerConfig.KEEP_CHECKPOINTS.defaultValue(), config.keepCheckpoints(), "left at its default");
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheOption() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> new CommandLine(new TrainCommand()).parseArgs("--batch-size", "eight"));
        assertTrue(e.getMessage().contains("'--batch-size': 'eight' must be a positive integer"), e.getMessage());
    }
}
