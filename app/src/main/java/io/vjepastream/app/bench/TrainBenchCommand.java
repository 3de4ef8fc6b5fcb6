package io.vjepastream.app.bench;

import io.vjepastream.app.cli.ModelOptions;
import io.vjepastream.app.cli.SettingOptions;
import io.vjepastream.pipeline.bench.TrainBench;
import io.vjepastream.runtime.config.Setting;
import io.vjepastream.trainer.TrainerConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vjepa bench train}: the options of {@link TrainBench}, whose results it writes to {@code --out}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa bench train --out train.json --steps 20"}, sortOptions = false, modelTransformer = SettingOptions.class,
        description = {"Measure training steps of the model (the default unless --model /"
                           + " --model-config say otherwise): pairs/s, ms/step, the fp32 matmul GFLOP/s of"
                           + " this machine in the same process, MFU (model FLOP/s over that peak) and"
                           + " resident memory.",
            "ms/step is the median step; the peak is the better of two matmul readings taken before"
                + " and after the steps."})
public final class TrainBenchCommand implements Callable<Integer>, SettingOptions.Declared {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOutput output = new BenchOutput();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    private int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}.")
    private int matmulSize;

    @Mixin
    private ModelOptions modelOptions = new ModelOptions();

    /** Creates the command; picocli fills in its options. */
    public TrainBenchCommand() {
    }

    @Override
    public Integer call() throws Exception {
        TrainBench bench = new TrainBench(modelOptions.resolve(), steps, warmup,
                SettingOptions.value(spec, TrainerConfig.BATCH_SIZE), matmulSize);
        output.write(bench.run(), spec.commandLine().getOut());
        return 0;
    }

    /** The trainer's settings this command takes. */
    @Override
    public List<Setting<?>> settings() {
        return List.of(TrainerConfig.BATCH_SIZE);
    }
}
