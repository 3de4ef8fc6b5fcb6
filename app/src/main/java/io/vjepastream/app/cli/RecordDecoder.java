package io.vjepastream.app.cli;

import io.vjepastream.records.Action;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
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

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_BYTES = 10;

    private final Map<Long, AvroSerde<? extends SpecificRecord>> byFingerprint = new HashMap<>();

    RecordDecoder() {
        for (Class<? extends SpecificRecord> type : RECORD_CLASSES) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(SpecificData.get().getSchema(type));
            byFingerprint.put(fingerprint, AvroSerde.of(type));
        }
    }

    /**
     * The record in {@code value}, or empty when the bytes are not a single-object encoded pipeline
     * record or do not decode as the schema they name.
     */
    Optional<SpecificRecord> decode(byte[] value) {
        if (value == null || value.length < HEADER_BYTES || value[0] != MARKER_0 || value[1] != MARKER_1) {
            return Optional.empty();
        }
        // Avro writes the fingerprint little-endian.
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        AvroSerde<? extends SpecificRecord> serde = byFingerprint.get(fingerprint);
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
