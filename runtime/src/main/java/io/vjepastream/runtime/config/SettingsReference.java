package io.vjepastream.runtime.config;

import java.util.Map;

/**
 * The settings reference in Markdown: for each command, a table of its settings with the option, the
 * {@code VJEPA_*} variable, the default, the allowed values and what the setting does. {@code docs/settings.md}
 * is this text, and a test keeps the two equal, so the reference cannot drift from the declarations.
 */
public final class SettingsReference {
    private SettingsReference() {
    }

    /** The reference of {@code tablesByCommand}, in its order: one section a command. */
    public static String markdown(Map<String, SettingTable<?>> tablesByCommand) {
        StringBuilder out = new StringBuilder("# Settings\n\n")
                .append("Each setting of a service is declared once, with its default, allowed values and doc; the\n")
                .append("options below, their `VJEPA_*` variables and this page are derived from it. A command-line\n")
                .append("option wins over its variable. This page is generated: `SettingsReferenceTest` fails when it\n")
                .append("differs from the declarations and rewrites it with `-Dsettings.reference.write=true`.\n");
        tablesByCommand.forEach((command, table) -> {
            out.append("\n## `").append(command).append("`\n\n")
                    .append("| option | variable | default | allowed | what it does |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (Setting<?> s : table.settings()) {
                String shown = s.defaultText().isEmpty() ? "(empty)" : "`" + s.defaultText() + "`";
                out.append("| `").append(s.option()).append("` | `").append(Setting.variableOf(s.option())).append("` | ")
                        .append(shown).append(" | ").append(s.allowed()).append(" | ")
                        .append(s.doc().replace("|", "\\|")).append(" |\n");
            }
        });
        return out.toString();
    }
}
