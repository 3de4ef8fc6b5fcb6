/**
 * The ingest service: {@link io.vjepastream.ingest.IngestService} runs one worker per source, each
 * decoding, sampling and pairing frames and handing the pairs to Kafka; {@link io.vjepastream.ingest.IngestConfig}
 * is its configuration, {@link io.vjepastream.ingest.IngestHealth} and {@link io.vjepastream.ingest.StreamStats}
 * what it reports. {@link io.vjepastream.ingest.RecordedPairs} cuts a recording's pairs in the calling thread,
 * without Kafka, for offline evaluation and scoring; the other modules need nothing else of ingest's pairing.
 */
package io.vjepastream.ingest;
