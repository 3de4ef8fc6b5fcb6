package io.vjepastream.ingest;

import java.util.Locale;

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
 * @param lastError the message of the latest failure or warning, or null
 * @param pairsDropped pairs discarded by the queue between decoding and producing because the sink fell
 *     behind a live source (files wait instead and drop nothing)
 * @param queued pairs waiting in that queue now
 * @param reconnects times a live source was brought back after a drop
 * @param lastGapMillis length of the latest gap in milliseconds (drop to first frame after it), 0 if none
 * @param decodeLatencyMicros recent mean time to get one decoded frame from the source, microseconds; for a
 *     live source this includes waiting for the frame to arrive
 * @param fpsIn frames decoded per second over the last few seconds
 * @param pairsPerSecondOut pairs handed to the sink per second over the last few seconds
 * @param producerErrors pairs the sink refused
 */
public record StreamStats(String streamId, String source, StreamState state, long framesDecoded,
                          long framesSampled, long pairsSent, long errors, String lastError, long pairsDropped,
                          int queued, long reconnects, long lastGapMillis, long decodeLatencyMicros, double fpsIn,
                          double pairsPerSecondOut, long producerErrors) {
    /** The same snapshot with {@code more} producer errors, e.g. sends that failed later in the background. */
    public StreamStats plusProducerErrors(long more) {
        return new StreamStats(streamId, source, state, framesDecoded, framesSampled, pairsSent, errors + more,
                lastError, pairsDropped, queued, reconnects, lastGapMillis, decodeLatencyMicros, fpsIn,
                pairsPerSecondOut, producerErrors + more);
    }

    /**
     * One status line, for example {@code cam1 RUNNING: in 29.9 fps, out 29.7 pairs/s | 1234 decoded, 1228
     * pairs, 3 dropped, 0 queued | 1 reconnect, last gap 2.31 s | decode 1.20 ms | 0 producer errors}, followed
     * by the latest error or warning when there is one.
     */
    public String statusLine() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s: in %.1f fps, out %.1f pairs/s | %d decoded, %d sampled, %d pairs,"
                        + " %d dropped, %d queued | %d reconnect%s", streamId, state, fpsIn, pairsPerSecondOut,
                framesDecoded, framesSampled, pairsSent, pairsDropped, queued, reconnects, reconnects == 1 ? "" : "s"));
        if (reconnects > 0) {
            b.append(String.format(Locale.ROOT, ", last gap %.2f s", lastGapMillis / 1000.0));
        }
        b.append(String.format(Locale.ROOT, " | decode %.2f ms | %d producer error%s", decodeLatencyMicros / 1000.0,
                producerErrors, producerErrors == 1 ? "" : "s"));
        if (lastError != null) {
            b.append(" | last: ").append(lastError);
        }
        return b.toString();
    }
}
