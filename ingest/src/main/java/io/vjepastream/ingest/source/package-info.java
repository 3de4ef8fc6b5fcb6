/**
 * Where frames come from: {@link io.vjepastream.ingest.source.SourceSpec} parses a source URI (file, RTSP,
 * HTTP, V4L2, image sequence, synthetic), {@link io.vjepastream.ingest.source.VideoSources} opens it as a
 * {@link io.vjepastream.ingest.source.VideoSource} of RGB frames, reconnecting live sources with backoff.
 * {@link io.vjepastream.ingest.source.SyntheticScene} is the synthetic world with planted anomalies that
 * the evaluation scores.
 */
package io.vjepastream.ingest.source;
