/**
 * {@code vjepa ingest}, {@code vjepa train} and {@code vjepa embed}: each service on its own, against a Kafka cluster.
 */
package io.vjepastream.app.service;
