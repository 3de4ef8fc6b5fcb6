/**
 * Each service's {@code /metrics} and {@code /health} endpoint, and what "up" means for it.
 */
package io.vjepastream.app.http;
