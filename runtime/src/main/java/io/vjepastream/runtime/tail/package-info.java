/**
 * Reading a topic as a person would: {@link io.vjepastream.runtime.tail.TopicTail} follows a topic's partitions
 * with a plain consumer, and {@link io.vjepastream.runtime.tail.RecordLine} renders each record as one JSON
 * line, decoding every vjepa record type by the schema fingerprint it carries. {@code vjepa tail} prints them.
 */
package io.vjepastream.runtime.tail;
