/**
 * The JEPA world model on DJL: its settings ({@link io.vjepastream.model.JepaConfig}, each key declared once in
 * {@link io.vjepastream.model.ConfigKeys}), training ({@link io.vjepastream.model.JepaTrainer}: encoder,
 * predictor, EMA target encoder and losses) and scoring ({@link io.vjepastream.model.JepaInference}: latent
 * state and anomaly energy of a {@link io.vjepastream.model.PairSample}). {@link
 * io.vjepastream.model.FramePairDecoder} turns a frame-pair record into a sample. The networks and losses
 * behind these entry points are internal.
 */
package io.vjepastream.model;
