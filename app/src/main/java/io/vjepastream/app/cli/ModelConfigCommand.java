package io.vjepastream.app.cli;

import io.vjepastream.model.ModelConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa model-config}: the model configuration, documented defaults or as resolved. */
@Command(name = "model-config", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa model-config --model-config config/forecaster.yaml --model latent_dim=96"},
        description = {"Print the model configuration as YAML.",
            "Without options: every key with its default and what it means. With --model-config,"
                + " --model or VJEPA_MODEL_* variables: the configuration they resolve to, after"
                + " validation."})
public final class ModelConfigCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model = new ModelOptions();

    @Option(names = "--resolved", description = "Print the resolved values even when nothing overrides them.")
    private boolean resolved;

    /** Creates the command; picocli fills in its options. */
    public ModelConfigCommand() {
    }

    @Override
    public Integer call() {
        boolean overridden = model.hasOverrides() || System.getenv().keySet().stream()
                .anyMatch(k -> k.startsWith(ModelConfigLoader.ENV_PREFIX));
        String yaml = resolved || overridden ? ModelConfigLoader.toYaml(model.resolve())
                : ModelConfigLoader.defaultsYaml();
        spec.commandLine().getOut().print(yaml);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
