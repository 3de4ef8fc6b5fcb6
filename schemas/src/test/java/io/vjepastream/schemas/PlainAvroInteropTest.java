package io.vjepastream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A consumer in another language has only the {@code .avsc} files. These tests stand in for it with
 * Avro's generic API: schemas parsed from the files, no generated classes.
 */
class PlainAvroInteropTest {
    private static final Path AVRO_DIR = Path.of("src/main/avro");
    private static Schema.Parser parser;

    @BeforeAll
    static void parseSchemaFiles() throws IOException {
        parser = new Schema.Parser();
        // Named types used by others come first.
        for (String name : List.of("Frame", "TemporalMask", "FramePair", "LatentState", "AnomalyEnergy",
                "CheckpointEvent")) {
            parser.parse(Files.readString(AVRO_DIR.resolve(name + ".avsc")));
        }
    }

    static Stream<SpecificRecord> records() {
        return AvroSerdeTest.records();
    }

    private static Schema fileSchema(SpecificRecord record) {
        return parser.getTypes().get(record.getSchema().getFullName());
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void plainReaderReadsWhatTheSerdeWrites(T record) throws IOException {
        @SuppressWarnings("unchecked")
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        byte[] bytes = serde.encode(record);

        Schema schema = fileSchema(record);
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), schema);
        GenericRecord generic = decoder.decode(bytes);

        assertEquals(record.toString(), generic.toString());
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void serdeReadsWhatAPlainWriterWrites(T record) throws IOException {
        Schema schema = fileSchema(record);
        // Rebuild the record field by field from its JSON form through the generic API only.
        GenericRecord generic = (GenericRecord) GenericData.get().deepCopy(schema, toGeneric(record, schema));
        BinaryMessageEncoder<GenericRecord> encoder = new BinaryMessageEncoder<>(GenericData.get(), schema);
        ByteBuffer buffer = encoder.encode(generic);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        @SuppressWarnings("unchecked")
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        assertEquals(record, serde.decode(bytes));
    }

    /** Copies a generated record into a generic one of the file schema, recursively. */
    private static Object toGeneric(Object value, Schema schema) {
        switch (schema.getType()) {
            case RECORD: {
                SpecificRecord specific = (SpecificRecord) value;
                GenericData.Record out = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    Object fieldValue = specific.get(specific.getSchema().getField(field.name()).pos());
                    out.put(field.name(), toGeneric(fieldValue, field.schema()));
                }
                return out;
            }
            case ARRAY: {
                List<?> list = (List<?>) value;
                GenericData.Array<Object> out = new GenericData.Array<>(list.size(), schema);
                for (Object item : list) {
                    out.add(toGeneric(item, schema.getElementType()));
                }
                return out;
            }
            case UNION: {
                if (value == null) {
                    return null;
                }
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return toGeneric(value, branch);
                    }
                }
                throw new IllegalStateException("union without a non-null branch: " + schema);
            }
            case ENUM:
                return new GenericData.EnumSymbol(schema, value.toString());
            default:
                return value;
        }
    }
}
