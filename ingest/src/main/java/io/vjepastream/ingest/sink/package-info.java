/**
 * Where pairs go: {@link io.vjepastream.ingest.sink.PairSink}, and {@link io.vjepastream.ingest.sink.KafkaPairSink},
 * which sends them to the frame-pairs topic and keeps them while the broker does not answer.
 */
package io.vjepastream.ingest.sink;
