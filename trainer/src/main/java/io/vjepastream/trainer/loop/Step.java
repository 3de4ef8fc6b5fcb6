package io.vjepastream.trainer.loop;

import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.StepResult;
import java.time.Instant;
import java.util.List;

/**
 * One step of a {@link TrainingLoop}, as its listeners are told of it.
 *
 * @param result what the trainer's step did; its loss may be non-finite
 * @param batch the pairs the step trained on
 * @param trainer the trainer that made the step
 * @param taken steps this run of the loop has taken, this one included, skipped ones too
 * @param at when the step ended, by the loop's clock
 */
public record Step(StepResult result, List<PairSample> batch, JepaTrainer trainer, long taken, Instant at) {
}
