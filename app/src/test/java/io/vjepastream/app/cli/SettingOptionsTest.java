package io.vjepastream.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.eval.ScoreCommand;
import io.vjepastream.app.service.EmbedCommand;
import io.vjepastream.app.service.IngestCommand;
import io.vjepastream.app.service.TrainCommand;
import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.runtime.config.SettingTable;
import io.vjepastream.trainer.TrainerConfig;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Each service command has one option per setting of its table, with the setting's doc and default. */
class SettingOptionsTest {
    static Stream<Arguments> commands() {
        return Stream.of(Arguments.of(new IngestCommand(), IngestConfig.SETTINGS),
                Arguments.of(new TrainCommand(), TrainerConfig.SETTINGS),
                Arguments.of(new EmbedCommand(), EmbedderConfig.SETTINGS),
                Arguments.of(new ScoreCommand(), EmbedderConfig.SCORING));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everySettingIsAnOptionWithItsDocAndDefaultInTheHelp(Object command, SettingTable<?> table) {
        // picocli wraps at spaces and dots, so the help is compared without white space.
        String help = squeezed(new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (Setting<?> setting : table.settings()) {
            assertTrue(help.contains(setting.option()), setting.option() + " in\n" + help);
            assertTrue(help.contains(squeezed(setting.doc())), setting.doc() + " in\n" + help);
            if (setting.type() != Boolean.class) {
                assertTrue(help.contains(squeezed(setting.doc() + " Default: " + setting.defaultText() + ".")),
                        setting.option() + "'s default in\n" + help);
            }
        }
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }
}
