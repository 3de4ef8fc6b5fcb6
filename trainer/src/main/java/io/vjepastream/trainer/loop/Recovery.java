package io.vjepastream.trainer.loop;

import io.vjepastream.model.JepaTrainer;
import java.io.IOException;

/** Replaces a trainer whose training diverged, when a listener answers {@link StepListener.Action#RECOVER}. */
@FunctionalInterface
public interface Recovery {
    /** The trainer to go on with; {@code diverged} is the recovery's to close. */
    JepaTrainer recover(JepaTrainer diverged) throws IOException;
}
