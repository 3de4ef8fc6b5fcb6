package io.vjepastream.app.cli;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.ModelConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The model configuration options every command that builds a model shares: a YAML file, then
 * {@code VJEPA_MODEL_<KEY>} environment variables, then {@code --model key=value} flags, over the
 * bundled defaults. {@code vjepa model-config} prints the defaults with every key explained.
 */
public final class ModelOptions {
    @Option(names = "--model-config", paramLabel = "FILE",
            description = "YAML file with a 'model:' section (see default-model.yaml for every key).")
    private Path file;

    @Option(names = "--model", paramLabel = "KEY=VALUE", converter = ModelOptions.KeyValue.class,
            description = "Override one model setting, e.g. --model latent_dim=128; repeatable.")
    private List<String> overrides = new ArrayList<>();

    /** A setting without '=' is a wrong command line (usage, exit 2), not a run that failed. */
    static final class KeyValue implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.indexOf('=') <= 0) {
                throw new TypeConversionException("expected KEY=VALUE, e.g. latent_dim=128, but got '" + value + "'");
            }
            return value;
        }
    }

    /** Creates the options; picocli fills them in. */
    public ModelOptions() {
    }

    /** True when a file or a flag was given. */
    public boolean hasOverrides() {
        return file != null || !overrides.isEmpty();
    }

    /**
     * The resolved configuration.
     *
     * @throws IllegalArgumentException naming the key, the value, what is allowed and where it came from
     */
    public JepaConfig resolve() {
        return ModelConfigLoader.load(file, System.getenv(), ModelConfigLoader.parseOverrides(overrides));
    }
}
