package io.vjepastream.ingest;

/**
 * A snapshot of one stream's counters.
 *
 * @param streamId the stream's id
 * @param source the URI it reads
 * @param state where the stream is in its life
 * @param framesDecoded frames read from the source
 * @param framesSampled frames kept by the sampler
 * @param pairsSent pairs handed to the sink
 * @param errors failures: a failed open or read, or a pair the sink refused
 * @param lastError the message of the latest failure, or null
 */
public record StreamStats(String streamId, String source, StreamState state, long framesDecoded,
                          long framesSampled, long pairsSent, long errors, String lastError) {
}
