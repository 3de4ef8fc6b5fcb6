/**
 * {@link io.vjepastream.eval.plot.EnergyPlot}: energies over time as a PNG, with the planted anomalies
 * marked, for a reader who would rather look than read the numbers.
 */
package io.vjepastream.eval.plot;
