/**
 * The continual trainer: {@link io.vjepastream.trainer.TrainerService} consumes frame pairs into a replay
 * buffer, trains, and writes crash-safe checkpoints ({@link io.vjepastream.trainer.CheckpointStore}) that it
 * announces on the checkpoints topic; {@link io.vjepastream.trainer.TrainerConfig} is its configuration and
 * {@link io.vjepastream.trainer.TrainerMetrics} what it reports. The guards, watches and schedules of the
 * loop are internal.
 */
package io.vjepastream.trainer;
