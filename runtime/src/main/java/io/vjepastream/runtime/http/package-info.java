/**
 * The HTTP endpoint each service serves: {@link io.vjepastream.runtime.http.ServiceEndpoint} answers
 * {@code /metrics} and {@code /health}, and {@link io.vjepastream.runtime.http.ServiceHealth} is what a
 * service says about itself there.
 */
package io.vjepastream.runtime.http;
