package io.vjepastream.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper the services and commands write JSON with, so that every document is written
 * the same way: one line for HTTP answers and JSON lines, indented for files people read (reports,
 * benchmarks). Maps keep their order; a NaN or infinite number is written as Jackson does, as a string.
 */
public final class Json {
    // ObjectMapper is mutable; only the immutable writers leave this class
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter LINE = MAPPER.writer();
    private static final ObjectWriter INDENTED = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The writer of one-line JSON. */
    public static ObjectWriter lineWriter() {
        return LINE;
    }

    /** The writer of indented JSON. */
    public static ObjectWriter indentedWriter() {
        return INDENTED;
    }

    /**
     * {@code value} as one line of JSON, without a line break.
     *
     * @throws UncheckedIOException naming the value's type when Jackson cannot write it
     */
    public static String line(Object value) {
        return line(LINE, value);
    }

    /**
     * {@code value} as {@code writer} writes it, for modules with a mapper of their own.
     *
     * @throws UncheckedIOException naming the value's type when Jackson cannot write it
     */
    public static String line(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
