/**
 * Kafka client policy shared by the services: {@link io.vjepastream.runtime.client.ClientProperties}
 * merges the user's client settings over each service's own, {@link io.vjepastream.runtime.client.Redaction}
 * keeps secrets out of what is printed, and {@link io.vjepastream.runtime.client.TlsFailure} names the store
 * to check when a TLS handshake is refused.
 */
package io.vjepastream.runtime.client;
