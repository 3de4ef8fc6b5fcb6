package io.vjepastream.trainer.loop;

import io.vjepastream.model.JepaTrainer;
import java.io.IOException;

/**
 * Told of each step of a {@link TrainingLoop}, in the order the listeners were added; its answer says what
 * the loop does next.
 */
@FunctionalInterface
public interface StepListener {
    /** What a listener asks of the loop after a step. */
    enum Action {
        /** Nothing: the next listener is told of the step. */
        CONTINUE,
        /** The step does not count (its loss was not finite): the listeners after this one are not told of it. */
        SKIP,
        /** As {@link #SKIP}, and the loop replaces its trainer through its {@link Recovery}. */
        RECOVER,
        /** The loop ends after this step; the listeners after this one are still told of it. */
        STOP
    }

    /** Told of a step; the answer says what the loop does next. */
    Action afterStep(Step step) throws IOException;

    /** Told once the loop has ended on a stop condition or a listener's {@link Action#STOP}, not on a failure. */
    default void onEnd(JepaTrainer trainer) throws IOException {
    }
}
