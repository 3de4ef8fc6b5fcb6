package io.vjepastream.runtime.tail;

import io.vjepastream.records.Action;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.AvroSerde;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Recognises the pipeline's records in Avro single-object encoding by the schema fingerprint that
 * follows the two-byte marker, and decodes them with the matching generated class.
 */
final class RecordDecoder {
    /** Every record class that may appear as a message value. */
    static final List<Class<? extends SpecificRecord>> RECORD_CLASSES = List.of(
            FramePair.class, LatentState.class, AnomalyEnergy.class, CheckpointEvent.class, Action.class,
            Frame.class, TemporalMask.class);

    private final Map<Long, AvroSerde<? extends SpecificRecord>> byFingerprint = new HashMap<>();

    RecordDecoder() {
        for (Class<? extends SpecificRecord> type : RECORD_CLASSES) {
            AvroSerde<? extends SpecificRecord> serde = AvroSerde.of(type);
            byFingerprint.put(serde.fingerprint(), serde);
        }
    }

    /**
     * The record in {@code value}, or empty when the bytes are not a single-object encoded pipeline
     * record or do not decode as the schema they name.
     */
    Optional<SpecificRecord> decode(byte[] value) {
        OptionalLong fingerprint = AvroSerde.fingerprintOf(value);
        if (fingerprint.isEmpty()) {
            return Optional.empty();
        }
        AvroSerde<? extends SpecificRecord> serde = byFingerprint.get(fingerprint.getAsLong());
        if (serde == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(serde.decode(value));
        } catch (SerializationException e) {
            return Optional.empty();
        }
    }
}
