package io.vjepastream.schemas;

import java.util.List;

/** The names of every Kafka topic the pipeline reads or writes, in one place. */
public final class Topics {
    /** Frame pairs from ingest, keyed by stream id; read by the trainer and the embedder. */
    public static final String FRAME_PAIRS = "vjepa.frame-pairs";
    /** One {@code LatentState} per pair, keyed by stream id. */
    public static final String LATENTS = "vjepa.latents";
    /** One {@code AnomalyEnergy} per pair, keyed by stream id. */
    public static final String ANOMALY_ENERGY = "vjepa.anomaly-energy";
    /** Compacted {@code CheckpointEvent}s keyed by model id: the trainer announces, the embedder swaps. */
    public static final String CHECKPOINTS = "vjepa.checkpoints";
    /** Frame pairs that could not be processed: the original bytes, with the reason in headers. */
    public static final String FRAME_PAIRS_DLQ = "vjepa.frame-pairs.dlq";
    /** Optional timestamped action vectors per stream. */
    public static final String ACTIONS = "vjepa.actions";

    /** Every topic, in creation order. */
    public static final List<String> ALL =
            List.of(FRAME_PAIRS, LATENTS, ANOMALY_ENERGY, CHECKPOINTS, FRAME_PAIRS_DLQ, ACTIONS);

    /** Header on a dead-letter record: why it could not be processed. */
    public static final String DLQ_REASON_HEADER = "vjepa.dlq.reason";
    /** Header on a dead-letter record: which service rejected it. */
    public static final String DLQ_SERVICE_HEADER = "vjepa.dlq.service";

    private Topics() {
    }
}
