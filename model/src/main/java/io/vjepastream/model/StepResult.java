package io.vjepastream.model;

/**
 * What one optimisation step did.
 *
 * @param step the number of completed steps after this one
 * @param loss the JEPA loss of the batch before the update
 * @param nanos wall time of the step
 */
public record StepResult(long step, float loss, long nanos) {
}
