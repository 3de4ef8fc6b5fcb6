/**
 * Offline evaluation of the world model, as {@code vjepa eval} and {@code vjepa score} run it: an
 * {@link io.vjepastream.eval.Evaluation} trains a model from scratch on clean synthetic clips, then
 * reads a held-out clip with planted anomalies with the trained model, the untrained one, the
 * persistence forecast and the pixel difference; {@link io.vjepastream.eval.EvalResult} compares them
 * with the ground truth and writes the report, the plot and the per-pair CSV.
 * {@link io.vjepastream.eval.OfflinePairs} turns any source into pairs without a broker.
 */
package io.vjepastream.eval;
