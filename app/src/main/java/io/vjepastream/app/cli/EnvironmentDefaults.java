package io.vjepastream.app.cli;

import io.vjepastream.runtime.config.Setting;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Environment variables as defaults of the service commands, so that a container is configured by its
 * environment: every option {@code --some-name} of {@code ingest}, {@code train} and {@code embed}
 * reads {@code VJEPA_SOME_NAME} when it is not on the command line (a flag still wins), for example
 * {@code VJEPA_BOOTSTRAP=kafka:29092} or {@code VJEPA_HTTP_PORT=8081}.
 *
 * <p>The options of the model and Kafka client mixins are left out: they have their own variables,
 * {@code VJEPA_MODEL_<KEY>} and {@code VJEPA_KAFKA_<KEY>}, read by {@link ModelOptions} and
 * {@link KafkaOptions}. {@link #variables(CommandSpec)} lists everything a command reads; it is the one
 * list of the variables, from which the documentation and the deployment checks are derived.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    /** Prefix of every variable. */
    public static final String PREFIX = "VJEPA_";
    /** The commands whose options read variables: the services a deployment runs. */
    public static final Set<String> SERVICE_COMMANDS = Set.of("ingest", "train", "embed");
    /** Prefix of the model settings, read by {@link ModelOptions}. */
    public static final String MODEL_PREFIX = "VJEPA_MODEL_";
    /** Prefixes that belong to other readers; an option whose variable would start with one reads none. */
    private static final Set<String> RESERVED = Set.of("VJEPA_MODEL", KafkaOptions.ENV_PREFIX);

    private final Map<String, String> environment;

    /** Defaults from {@code environment} (pass {@code System.getenv()}). */
    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || !reads(option)) {
            return null;
        }
        return environment.get(variable(option));
    }

    /** The variable of {@code option}: {@code --http-port} reads {@code VJEPA_HTTP_PORT}. */
    public static String variable(OptionSpec option) {
        return Setting.variableOf(option.longestName());
    }

    /** True when {@code option} belongs to a service command and has a variable of its own. */
    static boolean reads(OptionSpec option) {
        CommandSpec command = option.command();
        if (command == null || !SERVICE_COMMANDS.contains(command.name())) {
            return false;
        }
        if (option.usageHelp() || option.versionHelp() || option.inherited()) {
            return false;
        }
        String variable = variable(option);
        return RESERVED.stream().noneMatch(variable::startsWith);
    }

    /**
     * Every variable {@code command} reads, by exact name, with the prefixes it reads as
     * {@code PREFIX<KEY>}: its options' variables, {@code VJEPA_MODEL_<KEY>} and {@code VJEPA_KAFKA_<KEY>}
     * when it has those mixins, and {@link FailureReporter#DEBUG_ENV}.
     */
    public static SortedSet<String> variables(CommandSpec command) {
        SortedSet<String> names = new TreeSet<>();
        names.add(FailureReporter.DEBUG_ENV);
        for (OptionSpec option : command.options()) {
            if (reads(option)) {
                names.add(variable(option));
            }
        }
        if (command.mixins().values().stream().anyMatch(m -> m.userObject() instanceof ModelOptions)) {
            names.add(MODEL_PREFIX + "<KEY>");
        }
        if (command.mixins().values().stream().anyMatch(m -> m.userObject() instanceof KafkaOptions)) {
            names.add(KafkaOptions.ENV_PREFIX + "<KEY>");
        }
        return names;
    }

    /**
     * True when {@code command} reads the variable {@code name}: one of {@link #variables(CommandSpec)} by
     * name, or a {@code PREFIX<KEY>} variable of a prefix it reads.
     */
    public static boolean reads(CommandSpec command, String name) {
        for (String variable : variables(command)) {
            if (variable.endsWith("<KEY>") ? name.startsWith(variable.substring(0, variable.length() - 5))
                    && name.length() > variable.length() - 5 : name.equals(variable)) {
                return true;
            }
        }
        return false;
    }
}
