package io.vjepastream.embedder;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.FramePair;

/**
 * Told of every answer the embedder sends, on the stream thread that sent it, after it was forwarded. The
 * dashboard's {@code AnswerFeed} listens; a listener must be quick and must not throw.
 */
@FunctionalInterface
public interface AnswerListener {
    /** Listens to nothing. */
    AnswerListener NONE = (pair, energy, answeredMillis) -> { };

    /** {@code pair} was answered with {@code energy} at {@code answeredMillis}, on Kafka Streams' wall clock. */
    void answered(FramePair pair, AnomalyEnergy energy, long answeredMillis);
}
