/**
 * The {@code vjepa} command line ({@link io.vjepastream.app.Vjepa}), and {@code vjepa local}: the whole
 * pipeline on an in-JVM broker.
 */
package io.vjepastream.app;
