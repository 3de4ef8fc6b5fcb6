package io.vjepastream.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.Vjepa;
import io.vjepastream.model.ContextEncoder;
import io.vjepastream.model.EnergyMeasure;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmbedCommandTest {
    private static CommandLine parsed(String... args) {
        CommandLine vjepa = new CommandLine(new Vjepa());
        vjepa.parseArgs(args);
        return vjepa.getSubcommands().get("embed");
    }

    private static Object value(CommandLine command, String option) {
        return command.getCommandSpec().findOption(option).getValue();
    }

    @Test
    void scoresWithTheTargetEncoderContextAndBatchesOf32ByDefault() {
        CommandLine embed = parsed("embed");
        assertEquals(ContextEncoder.TARGET, value(embed, "--context-encoder"));
        assertEquals(32, value(embed, "--batch-max"));
        assertEquals(ContextEncoder.AS_TRAINED, value(parsed("embed", "--context-encoder", "AS_TRAINED"), "--context-encoder"));
    }

    @Test
    void measuresTheStandardisedEnergyByDefault() {
        assertEquals(EnergyMeasure.STANDARDISED, value(parsed("embed"), "--energy-measure"));
        assertEquals(EnergyMeasure.TRAINING_DISTANCE,
                value(parsed("embed", "--energy-measure", "training_distance"), "--energy-measure"));
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parsed("embed", "--energy-measure", "l1"));
        assertTrue(e.getMessage().contains("--energy-measure") && e.getMessage().contains("standardised, training_distance"),
                e.getMessage());
    }

    @Test
    void anUnknownContextEncoderIsRefusedWithTheAllowedValues() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parsed("embed", "--context-encoder", "online"));
        assertTrue(e.getMessage().contains("--context-encoder") && e.getMessage().contains("as_trained, target"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no Java class names for a typo: " + e.getMessage());
    }
}
