/**
 * Kafka client policy shared by the services: {@link io.vjepastream.schemas.client.ClientProperties}
 * merges the user's client settings over each service's own, {@link io.vjepastream.schemas.client.Redaction}
 * keeps secrets out of what is printed, and {@link io.vjepastream.schemas.client.TlsFailure} names the store
 * to check when a TLS handshake is refused.
 */
package io.vjepastream.schemas.client;
