package io.vjepastream.embedder;

import io.vjepastream.schemas.http.JsonString;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes the values the HTTP endpoint returns as JSON: maps, collections, strings, numbers, booleans,
 * Avro records (by field, in schema order) and bytes (base64). A NaN or infinite number, which JSON
 * cannot express, is written as null.
 */
final class JsonText {
    private JsonText() {
    }

    /** {@code value} as one line of JSON. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof GenericRecord record) {
            out.append('{');
            boolean first = true;
            for (Schema.Field field : record.getSchema().getFields()) {
                first = comma(out, first);
                string(out, field.name());
                out.append(':');
                write(out, record.get(field.pos()));
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                first = comma(out, first);
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                first = comma(out, first);
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? (value instanceof Float ? Float.toString((Float) value) : Double.toString(d)) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] raw = new byte[copy.remaining()];
            copy.get(raw);
            string(out, Base64.getEncoder().encodeToString(raw));
        } else {
            string(out, value.toString());
        }
    }

    private static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private static void string(StringBuilder out, String s) {
        out.append(JsonString.quote(s));
    }
}
