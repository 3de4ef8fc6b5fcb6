package io.vjepastream.runtime.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordLineTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void framePairBytesAreShortenedAndEnumsAreNames() throws Exception {
        JsonNode line = json.readTree(new RecordLine(false).render(record(Serdes.framePair().encode(pair()))));
        assertEquals("FramePair", line.get("schema").asText());
        JsonNode value = line.get("value");
        assertEquals("cam-1", value.get("streamId").asText());
        assertEquals(7, value.get("sequence").asLong());
        JsonNode frame = value.get("context").get(0);
        assertEquals("RGB24", frame.get("pixelFormat").asText());
        assertEquals("RAW", frame.get("encoding").asText());
        assertEquals("<12 bytes>", frame.get("data").asText());
        assertEquals("TEMPORAL", value.get("mask").get("strategy").asText());
        assertTrue(value.get("action").isArray());
        assertEquals(0.25, value.get("action").get(1).asDouble(), 1e-9);
        assertTrue(value.get("action").get(1).isFloatingPointNumber());
        assertFalse(line.has("headers"), "plain records carry no headers field");
    }

    @Test
    void fullBytesAreBase64() throws Exception {
        JsonNode line = json.readTree(new RecordLine(true).render(record(Serdes.framePair().encode(pair()))));
        String data = line.get("value").get("target").get(0).get("data").asText();
        assertEquals(12, Base64.getDecoder().decode(data).length);
    }

    @Test
    void everyRecordClassIsRecognised() throws Exception {
        CheckpointEvent event = CheckpointEvent.newBuilder().setModelId("tiny").setVersion(3).setStep(300)
                .setUri("file:/tmp/ckpt/3").setSha256("ab").setCreatedAtMillis(1L)
                .setMetrics(Map.of("loss", 0.5)).setOffsets(Map.of("vjepa.frame-pairs-0", 42L)).build();
        JsonNode line = json.readTree(new RecordLine(false).render(record(Serdes.checkpointEvent().encode(event))));
        assertEquals("CheckpointEvent", line.get("schema").asText());
        assertEquals(0.5, line.get("value").get("metrics").get("loss").asDouble());
        assertEquals(42, line.get("value").get("offsets").get("vjepa.frame-pairs-0").asLong());

        Frame frame = pair().getTarget().get(0);
        JsonNode frameLine = json.readTree(new RecordLine(false).render(record(AvroSerde.of(Frame.class).encode(frame))));
        assertEquals("Frame", frameLine.get("schema").asText());
        assertEquals(2, frameLine.get("value").get("width").asInt());
    }

    @Test
    void robotActionsAreRecognised() throws Exception {
        io.vjepastream.records.Action action = io.vjepastream.records.Action.newBuilder().setStreamId("arm")
                .setPtsMicros(1_000).setValues(java.util.List.of(0.5f, -1f)).build();
        JsonNode line = json.readTree(new RecordLine(false).render(record(Serdes.action().encode(action))));
        assertEquals("Action", line.get("schema").asText());
        assertEquals(-1.0, line.get("value").get("values").get(1).asDouble());
    }

    @Test
    void otherBytesAreUndecodableWithTheirHeaders() throws Exception {
        ConsumerRecord<byte[], byte[]> garbage = record(new byte[] {(byte) 0xC3, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        garbage.headers().add(Topics.DLQ_REASON_HEADER, "bad frame".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("binary", new byte[] {(byte) 0xFF, (byte) 0xFE});
        JsonNode line = json.readTree(new RecordLine(false).render(garbage));
        assertEquals("<11 bytes>", line.get("value").get("undecodable").asText());
        assertEquals("bad frame", line.get("headers").get(Topics.DLQ_REASON_HEADER).asText());
        assertEquals("<2 bytes>", line.get("headers").get("binary").asText());
        assertFalse(line.has("schema"));
    }

    @Test
    void aTruncatedRecordIsUndecodable() throws Exception {
        byte[] bytes = Serdes.framePair().encode(pair());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        JsonNode line = json.readTree(new RecordLine(false).render(record(truncated)));
        assertEquals("<" + truncated.length + " bytes>", line.get("value").get("undecodable").asText());
    }

    @Test
    void tombstonesAndMissingKeysAreNull() throws Exception {
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>(Topics.CHECKPOINTS, 0, 5L, null, null);
        JsonNode line = json.readTree(new RecordLine(false).render(tombstone));
        assertTrue(line.get("value").isNull());
        assertTrue(line.get("key").isNull());
        assertEquals(Topics.CHECKPOINTS, line.get("topic").asText());
        assertEquals(5, line.get("offset").asLong());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("t", 0, 0L, "cam-1".getBytes(StandardCharsets.UTF_8), value);
    }

    private static FramePair pair() {
        Frame frame = Frame.newBuilder().setPtsMicros(0).setCaptureTimeMicros(0).setWidth(2).setHeight(2)
                .setPixelFormat(PixelFormat.RGB24).setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(new byte[12])).build();
        TemporalMask mask = TemporalMask.newBuilder().setStrategy(MaskStrategy.TEMPORAL).setGridT(3).setGridH(1)
                .setGridW(1).setPatchSize(2).setContext(ByteBuffer.wrap(new byte[] {3}))
                .setTarget(ByteBuffer.wrap(new byte[] {4})).setSeed(1).build();
        return FramePair.newBuilder().setStreamId("cam-1").setSequence(7).setContext(List.of(frame, frame))
                .setTarget(List.of(frame)).setStrideFrames(2).setMask(mask).setAction(List.of(0.5f, 0.25f))
                .setSource("file:/videos/car.mp4").build();
    }
}
