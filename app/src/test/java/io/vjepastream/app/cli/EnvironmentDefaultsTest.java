package io.vjepastream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.Vjepa;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class EnvironmentDefaultsTest {
    private static final Map<String, String> ENV = Map.of("VJEPA_HTTP_PORT", "8081", "VJEPA_BOOTSTRAP", "kafka:29092",
            "VJEPA_SOURCE", "synthetic:?seconds=1", "VJEPA_KAFKA_CONFIG", "/not/read/as/an/option",
            "VJEPA_CHECKPOINTS", "/var/lib/vjepa/checkpoints");

    private static CommandLine parsed(String... args) {
        CommandLine vjepa = new CommandLine(new Vjepa()).setDefaultValueProvider(new EnvironmentDefaults(ENV));
        vjepa.parseArgs(args);
        return vjepa.getSubcommands().get(args[0]);
    }

    private static Object value(CommandLine command, String option) {
        return command.getCommandSpec().findOption(option).getValue();
    }

    @Test
    void oneVariableHoldsSeveralSources() {
        CommandLine vjepa = new CommandLine(new Vjepa()).setDefaultValueProvider(new EnvironmentDefaults(
                Map.of("VJEPA_SOURCE", "wrist=rtsp://10.0.0.5/s;top=synthetic:?seconds=1&fps=5&anomalies=teleport,stall")));
        vjepa.parseArgs("ingest");
        assertEquals(List.of("wrist=rtsp://10.0.0.5/s", "top=synthetic:?seconds=1&fps=5&anomalies=teleport,stall"),
                value(vjepa.getSubcommands().get("ingest"), "--source"));
    }

    @Test
    void serviceOptionsReadTheirVariablesAndFlagsWin() {
        CommandLine ingest = parsed("ingest");
        assertEquals(8081, value(ingest, "--http-port"));
        assertEquals("kafka:29092", value(ingest, "--bootstrap"));
        assertEquals(List.of("synthetic:?seconds=1"), value(ingest, "--source"), "a required option is met by its variable");
        assertEquals(null, value(ingest, "--kafka-config"), "mixin options keep to their own VJEPA_KAFKA_<KEY> variables");

        CommandLine flagged = parsed("ingest", "--http-port", "9000", "--bootstrap", "b:1");
        assertEquals(9000, value(flagged, "--http-port"));
        assertEquals("b:1", value(flagged, "--bootstrap"));

        assertEquals("/var/lib/vjepa/checkpoints", String.valueOf(value(parsed("train"), "--checkpoints")));
        assertEquals(8081, value(parsed("embed"), "--http-port"));
    }

    @Test
    void otherCommandsReadNoVariables() {
        CommandLine local = parsed("local");
        assertEquals(0, value(local, "--http-port"), "vjepa local keeps its own defaults");
    }

    @Test
    void theListOfVariablesIsDerivedFromTheOptions() {
        CommandSpec train = new CommandLine(new Vjepa()).getSubcommands().get("train").getCommandSpec();
        SortedSet<String> variables = EnvironmentDefaults.variables(train);
        assertTrue(variables.containsAll(List.of("VJEPA_BOOTSTRAP", "VJEPA_CHECKPOINTS", "VJEPA_HTTP_PORT",
                "VJEPA_MAX_STEPS", "VJEPA_DEBUG", "VJEPA_MODEL_<KEY>", "VJEPA_KAFKA_<KEY>")), variables.toString());
        assertFalse(variables.contains("VJEPA_HELP") || variables.contains("VJEPA_VERBOSE")
                || variables.contains("VJEPA_MODEL_CONFIG") || variables.contains("VJEPA_KAFKA_CONFIG"), variables.toString());
        assertTrue(EnvironmentDefaults.reads(train, "VJEPA_MODEL_LATENT_DIM"));
        assertTrue(EnvironmentDefaults.reads(train, "VJEPA_KAFKA_SECURITY_PROTOCOL"));
        assertFalse(EnvironmentDefaults.reads(train, "VJEPA_SOURCE"), "train has no --source");
        assertFalse(EnvironmentDefaults.reads(train, "VJEPA_MODEL_"));
    }
}
