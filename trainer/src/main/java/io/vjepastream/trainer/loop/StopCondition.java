package io.vjepastream.trainer.loop;

import io.vjepastream.model.JepaTrainer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** When a {@link TrainingLoop} ends: checked before each batch is taken. */
@FunctionalInterface
public interface StopCondition {
    /**
     * @param trainer the loop's current trainer
     * @param taken steps this run of the loop has taken so far, skipped ones too
     * @return true when the loop should end before taking another batch
     */
    boolean reached(JepaTrainer trainer, long taken);

    /** Once this run of the loop has taken {@code steps} steps, skipped ones included. */
    static StopCondition afterSteps(long steps) {
        requireNotNegative(steps);
        return (trainer, taken) -> taken >= steps;
    }

    /** Once the trainer's own count, which includes a restored checkpoint's steps, reaches {@code step}. */
    static StopCondition atTrainerStep(long step) {
        requireNotNegative(step);
        return (trainer, taken) -> trainer.steps() >= step;
    }

    /** Once {@code nanoTime} reaches {@code deadline} (both as {@link System#nanoTime()} counts them). */
    static StopCondition deadline(LongSupplier nanoTime, long deadline) {
        return (trainer, taken) -> nanoTime.getAsLong() - deadline >= 0;
    }

    /** As soon as {@code running} says false. */
    static StopCondition unless(BooleanSupplier running) {
        return (trainer, taken) -> !running.getAsBoolean();
    }

    private static void requireNotNegative(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("steps = " + n + "; allowed: >= 0");
        }
    }
}
