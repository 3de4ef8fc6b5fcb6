package io.vjepastream.app.cli;

import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.config.SettingTable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Derives a command's options from a service's {@link SettingTable}: one option per setting, named, defaulted
 * and described by its declaration, so a setting is spelled once. Subclasses name the table and are given to
 * the command as its {@code modelTransformer}; {@link EnvironmentDefaults} gives each option its
 * {@code VJEPA_*} variable as it does for annotated ones.
 */
public abstract class SettingOptions implements IModelTransformer {
    /** The settings whose options this adds. */
    protected abstract SettingTable<?> table();

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (Setting<?> setting : table().settings()) {
            command.addOption(OptionSpec.builder(setting.option())
                    .paramLabel(label(setting))
                    .type(String.class)
                    .defaultValue(String.valueOf(setting.defaultValue()))
                    .description(setting.doc() + " Default: ${DEFAULT-VALUE}.")
                    .build());
        }
        return command;
    }

    /**
     * The value of each of {@code table}'s options in {@code command}, by setting name, as
     * {@link SettingTable#apply} takes them.
     */
    public static Map<String, String> values(CommandSpec command, SettingTable<?> table) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting<?> setting : table.settings()) {
            OptionSpec option = command.findOption(setting.option());
            if (option == null) {
                throw new IllegalStateException(command.name() + " has no option " + setting.option());
            }
            values.put(setting.name(), option.getValue());
        }
        return values;
    }

    private static String label(Setting<?> setting) {
        Class<?> type = setting.type();
        if (type == Double.class) {
            return "X";
        }
        return type == Integer.class || type == Long.class ? "N" : setting.type().getSimpleName().toUpperCase(Locale.ROOT);
    }
}
