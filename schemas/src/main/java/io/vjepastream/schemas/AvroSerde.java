package io.vjepastream.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: a two-byte marker, the
 * eight-byte fingerprint of the writer schema, then the binary body. Every message names its schema,
 * so any Avro library can read it with the {@code .avsc} files alone and no schema registry.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_BYTES = 10;

    private final Class<T> type;
    private final long fingerprint;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        TrustedRecords.register();
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
    }

    /** A serde for the given generated record class. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(Objects.requireNonNull(type, "type"));
    }

    /** The record class this serde reads and writes. */
    public Class<T> type() {
        return type;
    }

    /** The CRC-64-AVRO fingerprint of this record's schema, as its messages carry it. */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * The writer schema's fingerprint that a single-object encoded message names after its marker, or
     * empty when the bytes do not start with the marker.
     */
    public static OptionalLong fingerprintOf(byte[] message) {
        if (message == null || message.length < HEADER_BYTES || message[0] != MARKER_0 || message[1] != MARKER_1) {
            return OptionalLong.empty();
        }
        // Avro writes the fingerprint little-endian.
        return OptionalLong.of(ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    /** A fingerprint as the docs and other Avro tools print it: 16 hex digits. */
    public static String hex(long fingerprint) {
        return String.format(Locale.ROOT, "%016x", fingerprint);
    }

    /** Encodes one record; never returns null for a non-null record. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws SerializationException when the bytes are truncated, corrupt, or of another schema
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        OptionalLong written = fingerprintOf(bytes);
        if (written.isPresent() && written.getAsLong() != fingerprint) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + ": written with another schema"
                    + " (fingerprint " + hex(written.getAsLong()) + "; " + type.getSimpleName() + " here is "
                    + hex(fingerprint) + ")");
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + " from " + bytes.length
                    + " bytes: " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> decode(bytes);
    }
}
