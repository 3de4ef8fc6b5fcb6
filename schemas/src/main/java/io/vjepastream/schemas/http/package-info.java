/**
 * The HTTP endpoint each service serves: {@link io.vjepastream.schemas.http.ServiceEndpoint} answers
 * {@code /metrics} and {@code /health}, and {@link io.vjepastream.schemas.http.ServiceHealth} is what a
 * service says about itself there.
 */
package io.vjepastream.schemas.http;
