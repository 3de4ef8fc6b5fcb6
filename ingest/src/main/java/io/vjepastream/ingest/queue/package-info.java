/**
 * {@link io.vjepastream.ingest.queue.HandoffQueue}: the bounded queue between a stream's decoder and its
 * producer, which drops by its {@link io.vjepastream.ingest.queue.OverflowPolicy} and counts what it drops.
 */
package io.vjepastream.ingest.queue;
