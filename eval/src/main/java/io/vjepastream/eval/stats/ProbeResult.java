package io.vjepastream.eval.stats;

/**
 * How well a linear probe reads a quantity from features, on examples it was not fitted on.
 *
 * @param rSquared R^2 on the held-out examples, averaged over target columns
 * @param lambda the ridge penalty chosen on a validation part of the fitting examples
 * @param fitted examples the final probe was fitted on
 * @param heldOut examples it was scored on
 */
public record ProbeResult(double rSquared, double lambda, int fitted, int heldOut) {
}
