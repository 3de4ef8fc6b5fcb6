package io.vjepastream.runtime.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjepastream.schemas.json.AvroJson;
import io.vjepastream.schemas.json.Json;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Renders one consumed Kafka record as a single line of JSON:
 * {@code {"topic","partition","offset","timestamp","key","schema","value","headers"}}. Pipeline records
 * are decoded; anything else becomes {@code "value":{"undecodable":"<N bytes>"}} with its headers.
 */
public final class RecordLine {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RecordDecoder decoder = new RecordDecoder();
    private final AvroJson avro;

    /** @param fullBytes write bytes as base64 instead of {@code "<N bytes>"} */
    public RecordLine(boolean fullBytes) {
        this.avro = new AvroJson(fullBytes);
    }

    /** The record as one line of JSON, without a line break. */
    public String render(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = NODES.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        line.set("key", text(record.key()));
        boolean withHeaders = record.headers().iterator().hasNext();
        if (record.value() == null) {
            line.set("value", NODES.nullNode());
        } else {
            Optional<SpecificRecord> decoded = decoder.decode(record.value());
            if (decoded.isPresent()) {
                SpecificRecord value = decoded.get();
                line.put("schema", value.getSchema().getName());
                line.set("value", avro.toJson(value, value.getSchema()));
            } else {
                line.set("value", NODES.objectNode().set("undecodable", avro.bytes(record.value())));
                withHeaders = true;
            }
        }
        if (withHeaders) {
            ObjectNode headers = NODES.objectNode();
            for (Header header : record.headers()) {
                headers.set(header.key(), text(header.value()));
            }
            line.set("headers", headers);
        }
        try {
            return Json.lineWriter().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write record " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Keys and header values are usually UTF-8 text; other bytes are shown by size (or base64). */
    private JsonNode text(byte[] bytes) {
        if (bytes == null) {
            return NODES.nullNode();
        }
        try {
            return NODES.textNode(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return avro.bytes(bytes);
        }
    }
}
