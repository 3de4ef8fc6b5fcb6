package io.vjepastream.trainer;

import io.vjepastream.model.JepaTrainer;
import io.vjepastream.trainer.loop.Step;
import io.vjepastream.trainer.loop.StepListener;
import java.io.IOException;

/**
 * Writes a checkpoint whenever the {@link Checkpointer} says one is due, validates it on the held-out pairs
 * when there are any (ending the loop once early stopping says so), and writes a last one when the loop
 * ends with steps the newest checkpoint does not hold.
 */
final class CheckpointSteps implements StepListener {
    private final Checkpointer checkpointer;
    private final HeldOutValidation validation;
    private final TrainerProgress progress;

    /** @param validation the held-out set, or null to write checkpoints without validating them */
    CheckpointSteps(Checkpointer checkpointer, HeldOutValidation validation, TrainerProgress progress) {
        this.checkpointer = checkpointer;
        this.validation = validation;
        this.progress = progress;
    }

    @Override
    public Action afterStep(Step step) throws IOException {
        if (!checkpointer.due(step.result().step(), step.at())) {
            return Action.CONTINUE;
        }
        JepaTrainer trainer = step.trainer();
        WrittenCheckpoint written = checkpointer.attempt(trainer.steps(), trainer::save, step.at());
        return written != null && validated(written) ? Action.STOP : Action.CONTINUE;
    }

    @Override
    public void onEnd(JepaTrainer trainer) throws IOException {
        if (trainer.steps() > checkpointer.lastStep()) {
            validated(checkpointer.write(trainer.steps(), trainer::save));
        }
    }

    /** Validates a new checkpoint; true when early stopping says training is done. */
    private boolean validated(WrittenCheckpoint written) throws IOException {
        if (validation == null) {
            return false;
        }
        boolean stop = validation.afterCheckpoint(written);
        progress.validated(validation.lastLoss());
        return stop;
    }
}
