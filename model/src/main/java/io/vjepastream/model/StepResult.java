package io.vjepastream.model;

/**
 * What one optimisation step did.
 *
 * @param step the number of completed steps after this one
 * @param loss the JEPA loss of the batch before the update
 * @param gradientNorm global L2 norm of the gradients before clipping; NaN for a step skipped for a non-finite loss
 * @param nanos wall time of the step
 */
public record StepResult(long step, float loss, double gradientNorm, long nanos) {
}
