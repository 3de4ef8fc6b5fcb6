/**
 * {@code vjepa local}'s pipeline: broker, ingest, trainer and embedder in one JVM, and its progress report.
 */
package io.vjepastream.app.local;
