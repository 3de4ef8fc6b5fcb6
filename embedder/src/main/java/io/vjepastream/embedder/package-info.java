/**
 * The embedder, a Kafka Streams application: {@link io.vjepastream.embedder.EmbedderService} scores every
 * frame pair with the newest announced model ({@link io.vjepastream.embedder.ModelRegistry}: atomic swap,
 * leases) and writes latent states and anomaly energies, dead-lettering what it cannot score;
 * {@link io.vjepastream.embedder.EmbedderConfig} is its configuration and
 * {@link io.vjepastream.embedder.EmbedderService#httpPaths()} its own HTTP paths.
 */
package io.vjepastream.embedder;
