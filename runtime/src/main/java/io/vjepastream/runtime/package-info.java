/**
 * What every vjepa service shares. {@link io.vjepastream.runtime.Service} is the face of ingest, the
 * trainer and the embedder (start, health, meters, await, close); {@link io.vjepastream.runtime.ServiceRunner}
 * runs one in its own process with a status line, an HTTP endpoint and a clean stop on SIGTERM
 * ({@link io.vjepastream.runtime.ShutdownSignal}). The HTTP endpoint is in {@code runtime.http}, the Kafka
 * client policy in {@code runtime.client}.
 */
package io.vjepastream.runtime;
