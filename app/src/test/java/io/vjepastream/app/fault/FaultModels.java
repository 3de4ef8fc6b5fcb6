package io.vjepastream.app.fault;

import io.vjepastream.model.JepaConfig;
import java.util.ArrayList;
import java.util.List;

/** The very small model the fault tests train and serve: a 32 x 32 frame, one block in each network. */
final class FaultModels {
    static final JepaConfig TINY = JepaConfig.builder().imageSize(32).patchSize(8)
            .encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();

    private FaultModels() {
    }

    /** The same model as {@code --model key=value} flags of the command line. */
    static List<String> flags() {
        List<String> flags = new ArrayList<>();
        for (String setting : List.of("image_size=32", "patch_size=8", "latent_dim=32", "depth=1", "heads=2",
                "pred_width=16", "pred_depth=1", "pred_heads=2")) {
            flags.add("--model");
            flags.add(setting);
        }
        return flags;
    }
}
