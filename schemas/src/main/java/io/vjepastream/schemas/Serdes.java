package io.vjepastream.schemas;

import io.vjepastream.records.Action;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;

/** Ready serdes for every record the pipeline puts on Kafka. */
public final class Serdes {
    private Serdes() {
    }

    public static AvroSerde<FramePair> framePair() {
        return AvroSerde.of(FramePair.class);
    }

    public static AvroSerde<LatentState> latentState() {
        return AvroSerde.of(LatentState.class);
    }

    public static AvroSerde<AnomalyEnergy> anomalyEnergy() {
        return AvroSerde.of(AnomalyEnergy.class);
    }

    public static AvroSerde<CheckpointEvent> checkpointEvent() {
        return AvroSerde.of(CheckpointEvent.class);
    }

    /** Timestamped action vectors on {@link Topics#ACTIONS}. */
    public static AvroSerde<Action> action() {
        return AvroSerde.of(Action.class);
    }
}
