package io.vjepastream.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Turns an Avro datum into a Jackson tree guided by its schema: numbers stay numbers, enums become
 * their symbol, unions become the value of the branch that is set, and bytes are either shortened to
 * {@code "<N bytes>"} (frames would flood a terminal) or written as base64. The one place that walks a
 * record for JSON, so that {@code vjepa tail} and the embedder's HTTP answers show records alike.
 */
public final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean fullBytes;

    /** @param fullBytes write bytes fields as base64 instead of {@code "<N bytes>"} */
    public AvroJson(boolean fullBytes) {
        this.fullBytes = fullBytes;
    }

    /** The JSON form of {@code value}, which must match {@code schema}. */
    public JsonNode toJson(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> record((IndexedRecord) value, schema);
            case ARRAY -> array((List<?>) value, schema.getElementType());
            case MAP -> map((Map<?, ?>) value, schema.getValueType());
            case UNION -> toJson(value, schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)));
            case BYTES -> bytes(((ByteBuffer) value).duplicate());
            case FIXED -> bytes(ByteBuffer.wrap(((GenericFixed) value).bytes()));
            case INT -> NODES.numberNode(((Number) value).intValue());
            case LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT -> NODES.numberNode(((Number) value).floatValue());
            case DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case STRING, ENUM -> NODES.textNode(value.toString());
            case NULL -> NODES.nullNode();
        };
    }

    /** {@code "<N bytes>"}, or the bytes in base64 when full bytes were asked for. */
    public JsonNode bytes(byte[] data) {
        return bytes(ByteBuffer.wrap(data));
    }

    /** Short description of a byte count, as used for bytes fields that are not written in full. */
    public static String size(int bytes) {
        return "<" + bytes + " bytes>";
    }

    private JsonNode bytes(ByteBuffer buffer) {
        if (!fullBytes) {
            return NODES.textNode(size(buffer.remaining()));
        }
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return NODES.textNode(Base64.getEncoder().encodeToString(data));
    }

    private ObjectNode record(IndexedRecord record, Schema schema) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private ArrayNode array(List<?> values, Schema elementSchema) {
        ArrayNode node = NODES.arrayNode(values.size());
        for (Object element : values) {
            node.add(toJson(element, elementSchema));
        }
        return node;
    }

    private ObjectNode map(Map<?, ?> values, Schema valueSchema) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            node.set(entry.getKey().toString(), toJson(entry.getValue(), valueSchema));
        }
        return node;
    }
}
