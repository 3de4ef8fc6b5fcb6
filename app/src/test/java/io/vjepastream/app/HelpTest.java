package io.vjepastream.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help shows an example, and its paragraphs end where their sentences do. */
class HelpTest {
    private static List<CommandLine> all(CommandLine command) {
        List<CommandLine> out = new ArrayList<>(List.of(command));
        command.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help"))
                .forEach(c -> out.addAll(all(c)));
        return out;
    }

    @Test
    void everyCommandHasAnExampleAndWholeSentences() {
        List<CommandLine> commands = all(new CommandLine(new Vjepa()));
        assertTrue(commands.size() > 10, "the commands: " + commands.size());
        List<String> problems = new ArrayList<>();
        for (CommandLine command : commands.subList(1, commands.size())) {
            String name = command.getCommandSpec().qualifiedName();
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (!help.contains("Example")) {
                problems.add(name + " has no example");
            }
            for (String paragraph : command.getCommandSpec().usageMessage().description()) {
                boolean example = paragraph.startsWith("Example") || paragraph.startsWith("  ");
                if (!paragraph.isEmpty() && !example && !paragraph.matches("(?s).*[.:)]\\s*")) {
                    problems.add(name + ": a description line ends mid-sentence: '" + paragraph + "'");
                }
            }
            for (String line : help.split("\n")) {
                if (line.length() > 80) {
                    problems.add(name + ": a help line is wider than the terminal: " + line);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
