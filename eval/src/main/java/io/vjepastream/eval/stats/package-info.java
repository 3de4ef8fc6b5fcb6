/**
 * The statistics an evaluation reports: {@link io.vjepastream.eval.stats.Auroc} for how well an energy
 * ranks anomalies above normal pairs, and {@link io.vjepastream.eval.stats.LinearProbe} (ridge regression
 * scored by held-out R²) for what a latent state says about the scene.
 */
package io.vjepastream.eval.stats;
