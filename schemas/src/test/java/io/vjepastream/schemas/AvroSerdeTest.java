package io.vjepastream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    static Stream<SpecificRecord> records() {
        return Stream.of(SampleRecords.framePair(), SampleRecords.latentState(),
                SampleRecords.anomalyEnergy(), SampleRecords.checkpointEvent());
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void roundTripsEveryRecordThroughKafkaSerde(T record) {
        @SuppressWarnings("unchecked")
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("topic", record);
        T back = serde.deserializer().deserialize("topic", bytes);
        assertEquals(record, back);
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void writesSingleObjectHeader(T record) {
        @SuppressWarnings("unchecked")
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        byte[] bytes = serde.encode(record);
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(record.getSchema());
        byte[] expected = new byte[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (byte) (fingerprint >>> (8 * i));
        }
        assertArrayEquals(expected, Arrays.copyOfRange(bytes, 2, 10), "little-endian schema fingerprint");
    }

    @Test
    void nullStaysNull() {
        assertNull(Serdes.latentState().serializer().serialize("t", null));
        assertNull(Serdes.latentState().deserializer().deserialize("t", null));
    }

    @Test
    void rejectsRecordOfAnotherSchema() {
        byte[] latent = Serdes.latentState().encode(SampleRecords.latentState());
        SerializationException e = assertThrows(SerializationException.class,
                () -> Serdes.anomalyEnergy().decode(latent));
        assertTrue(e.getMessage().contains("AnomalyEnergy"), e.getMessage());
        // Fingerprints in hex, as docs/embedder.md and other Avro tools print them, never as signed decimals.
        String written = String.format("%016x", Serdes.latentState().fingerprint());
        String here = String.format("%016x", Serdes.anomalyEnergy().fingerprint());
        assertTrue(e.getMessage().contains("written with another schema (fingerprint " + written + "; AnomalyEnergy here is "
                + here + ")"), e.getMessage());
        assertEquals(written, AvroSerde.hex(AvroSerde.fingerprintOf(latent).orElseThrow()));
    }

    @Test
    void rejectsTruncatedBytes() {
        byte[] full = Serdes.framePair().encode(SampleRecords.framePair());
        byte[] truncated = Arrays.copyOf(full, full.length / 2);
        SerializationException e = assertThrows(SerializationException.class,
                () -> Serdes.framePair().decode(truncated));
        assertTrue(e.getMessage().contains(truncated.length + " bytes"), e.getMessage());
    }

    @Test
    void rejectsBytesWithoutHeader() {
        assertThrows(SerializationException.class,
                () -> Serdes.checkpointEvent().decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
    }

    @Test
    void serdesNameTheirTypes() {
        assertEquals(FramePair.class, Serdes.framePair().type());
        assertEquals(LatentState.class, Serdes.latentState().type());
        assertEquals(AnomalyEnergy.class, Serdes.anomalyEnergy().type());
        assertEquals(CheckpointEvent.class, Serdes.checkpointEvent().type());
    }
}
