/**
 * The ingest service: {@link io.vjepastream.ingest.IngestService} runs one worker per source, each
 * decoding, sampling and pairing frames and handing the pairs to Kafka; {@link io.vjepastream.ingest.IngestConfig}
 * is its configuration, {@link io.vjepastream.ingest.IngestHealth} and {@link io.vjepastream.ingest.StreamStats}
 * what it reports.
 */
package io.vjepastream.ingest;
