/**
 * One training loop for every caller: a {@link io.vjepastream.trainer.loop.TrainingLoop} takes batches from a
 * {@link io.vjepastream.trainer.loop.BatchSource}, steps a {@link io.vjepastream.model.JepaTrainer} on each,
 * tells its {@link io.vjepastream.trainer.loop.StepListener}s of every step (divergence checks, figures, logging,
 * checkpoints), and ends when a {@link io.vjepastream.trainer.loop.StopCondition} is reached or a listener asks
 * it to. The continual trainer, the offline evaluation and the training benchmark differ only in their source,
 * their listeners and their stop conditions.
 */
package io.vjepastream.trainer.loop;
