package io.vjepastream.app.cli;

import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.config.SettingTable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Derives a command's options from the settings it declares ({@link Declared}): one option per setting, named,
 * defaulted and described by its declaration, so a setting is spelled once. Given to the command as its
 * {@code modelTransformer}; {@link EnvironmentDefaults} gives each option its {@code VJEPA_*} variable as it
 * does for annotated ones.
 *
 * <pre>{@code
 * @Command(name = "train", modelTransformer = SettingOptions.class)
 * class TrainCommand implements SettingOptions.Declared {
 *     public List<Setting<?>> settings() { return TrainerConfig.SETTINGS.settings(); }
 * }
 * }</pre>
 */
public final class SettingOptions implements IModelTransformer {
    /** A command whose options include settings. */
    public interface Declared {
        /** The settings whose options the command has. */
        List<Setting<?>> settings();
    }

    /** Created by picocli through {@code modelTransformer}. */
    public SettingOptions() {
    }

    @Override
    public CommandSpec transform(CommandSpec command) {
        if (!(command.userObject() instanceof Declared declared)) {
            throw new IllegalStateException(command.name() + " uses SettingOptions but does not declare its settings");
        }
        for (Setting<?> setting : declared.settings()) {
            OptionSpec.Builder option = OptionSpec.builder(setting.option()).type(String.class)
                    .defaultValue(setting.defaultText()).converters(checked(setting));
            if (setting.type() == Boolean.class) {
                // A switch: given alone it is on; --emit-tokens=false also reads.
                String on = Boolean.TRUE.equals(setting.defaultValue()) ? " On unless " + setting.option() + "=false." : "";
                option.arity("0..1").fallbackValue("true").paramLabel("BOOL").description(setting.doc() + on);
            } else {
                option.paramLabel(label(setting)).description(setting.doc() + " Default: ${DEFAULT-VALUE}.");
            }
            command.addOption(option.build());
        }
        return command;
    }

    /** True when {@code setting}'s option was given on the command line or by its {@code VJEPA_*} variable. */
    public static boolean given(CommandSpec command, Setting<?> setting) {
        return given(command, option(command, setting).longestName());
    }

    /** True when option {@code name} of {@code command} was given on the command line or by its variable. */
    public static boolean given(CommandSpec command, String name) {
        OptionSpec option = command.findOption(name);
        if (!option.originalStringValues().isEmpty()) {
            return true;
        }
        try {
            return command.defaultValueProvider() != null && command.defaultValueProvider().defaultValue(option) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The value of {@code setting}'s option in {@code command}, parsed. */
    public static <T> T value(CommandSpec command, Setting<T> setting) {
        return setting.parse(option(command, setting).getValue());
    }

    /**
     * The value of each of {@code table}'s options in {@code command}, by setting name, as
     * {@link SettingTable#apply} takes them.
     */
    public static Map<String, String> values(CommandSpec command, SettingTable<?> table) {
        return values(command, table.settings());
    }

    /** The value of each of {@code settings}' options in {@code command}, by setting name. */
    public static Map<String, String> values(CommandSpec command, List<Setting<?>> settings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            values.put(setting.name(), option(command, setting).getValue());
        }
        return values;
    }

    private static OptionSpec option(CommandSpec command, Setting<?> setting) {
        OptionSpec option = command.findOption(setting.option());
        if (option == null) {
            throw new IllegalStateException(command.name() + " has no option " + setting.option());
        }
        return option;
    }

    /** Checks a value as it is parsed, so that a bad one is a usage error (exit 2) naming the option. */
    private static ITypeConverter<String> checked(Setting<?> setting) {
        return text -> {
            try {
                setting.parse(text);
            } catch (IllegalArgumentException e) {
                // picocli puts "Invalid value for option '--name': " before it
                throw new TypeConversionException("'" + text + "' must be " + setting.allowed());
            }
            return text;
        };
    }

    private static String label(Setting<?> setting) {
        Class<?> type = setting.type();
        if (type == Double.class) {
            return "X";
        }
        if (type == Duration.class) {
            return "D";
        }
        if (type.isEnum()) {
            return "NAME";
        }
        return type == Integer.class || type == Long.class ? "N" : "TEXT";
    }
}
