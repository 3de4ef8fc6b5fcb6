package io.vjepastream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.runtime.config.SettingTable;
import io.vjepastream.runtime.config.SettingsReference;
import io.vjepastream.trainer.TrainerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/settings.md is generated from the settings tables; this keeps it so. */
class SettingsReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "settings.md");

    @Test
    void theReferenceIsTheDeclarations() throws Exception {
        Map<String, SettingTable<?>> tables = new LinkedHashMap<>();
        tables.put("vjepa ingest", IngestConfig.SETTINGS);
        tables.put("vjepa train", TrainerConfig.SETTINGS);
        tables.put("vjepa embed", EmbedderConfig.SETTINGS);
        String generated = SettingsReference.markdown(tables);
        if (Boolean.getBoolean("settings.reference.write")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DOC), DOC.toAbsolutePath() + " is missing: run this test with -Dsettings.reference.write=true");
        assertEquals(generated, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/settings.md differs from the declarations: run this test with -Dsettings.reference.write=true");
        assertTrue(generated.contains("| `--batch-linger` | `VJEPA_BATCH_LINGER` | `5ms` | a duration from 0s to 10s |"),
                generated);
    }
}
