package io.vjepastream.embedder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vjepastream.schemas.json.AvroJson;
import io.vjepastream.schemas.json.Json;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes the values the HTTP endpoint returns as one line of JSON, with Jackson: maps, collections,
 * strings, numbers, booleans, Avro records (by field, in schema order, through {@link AvroJson}) and
 * bytes (base64). A NaN or infinite number, which JSON cannot express, is written as null: a z-score
 * before the statistics warm up is NaN, and clients parse null where they would choke on "NaN".
 */
final class JsonText {
    private static final AvroJson RECORDS = new AvroJson(true);
    // the embedder's own mapper: the shared one of Json writes NaN as a string
    private static final ObjectWriter WRITER = new ObjectMapper(JsonFactory.builder()
            .addDecorator((factory, generator) -> new FiniteOrNull(generator)).build())
            .registerModule(new SimpleModule("avro-records").addSerializer(GenericRecord.class, new RecordSerializer()))
            .writer();

    private JsonText() {
    }

    /**
     * {@code value} as one line of JSON.
     *
     * @throws java.io.UncheckedIOException naming the value's type when Jackson cannot write it
     */
    static String of(Object value) {
        return Json.line(WRITER, value);
    }

    /** Writes a record as its {@link AvroJson} tree, on the same generator, so numbers pass {@link FiniteOrNull}. */
    private static final class RecordSerializer extends StdSerializer<GenericRecord> {
        RecordSerializer() {
            super(GenericRecord.class);
        }

        @Override
        public void serialize(GenericRecord record, JsonGenerator gen, SerializerProvider provider) throws IOException {
            RECORDS.toJson(record, record.getSchema()).serialize(gen, provider);
        }
    }

    /** Writes null for the numbers JSON has no literal for. */
    private static final class FiniteOrNull extends JsonGeneratorDelegate {
        FiniteOrNull(JsonGenerator generator) {
            super(generator, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            if (Double.isFinite(value)) {
                super.writeNumber(value);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeNumber(float value) throws IOException {
            if (Float.isFinite(value)) {
                super.writeNumber(value);
            } else {
                writeNull();
            }
        }
    }
}
