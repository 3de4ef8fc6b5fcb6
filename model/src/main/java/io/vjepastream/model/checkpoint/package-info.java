/**
 * The checkpoint file format: {@link io.vjepastream.model.checkpoint.CheckpointManifest} lists the SHA-256
 * of every file of a checkpoint directory, so that a reader can tell a complete checkpoint from a torn one.
 */
package io.vjepastream.model.checkpoint;
