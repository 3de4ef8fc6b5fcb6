package io.vjepastream.app.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.broker.SharedBroker;
import io.vjepastream.records.Action;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.CheckpointEvent;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.LatentState;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Python consumer in examples/python decodes a record of every topic from the .avsc files alone, nested
 * named types included, with Debian's python3-confluent-kafka and python3-avro, against the in-JVM broker.
 */
class PythonConsumerTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "examples", "python", "vjepa_consumer.py");

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    @Timeout(120)
    void decodesARecordOfEveryTopic() throws Exception {
        requirePython();
        Frame frame = Frame.newBuilder().setPtsMicros(400_000).setCaptureTimeMicros(1_700_000_000_400_000L)
                .setWidth(16).setHeight(16).setPixelFormat(PixelFormat.RGB24).setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(new byte[16 * 16 * 3])).build();
        TemporalMask mask = TemporalMask.newBuilder().setStrategy(MaskStrategy.TUBE).setGridT(3).setGridH(2).setGridW(2)
                .setPatchSize(8).setContext(ByteBuffer.wrap(new byte[] {0x0f})).setTarget(ByteBuffer.wrap(new byte[] {0x70}))
                .setSeed(9).build();
        FramePair pair = FramePair.newBuilder().setStreamId("cam").setSequence(3).setContext(List.of(frame, frame))
                .setTarget(List.of(frame)).setStrideFrames(2).setMask(mask).setAction(List.of(0.5f, -1f))
                .setSource("test:cam").build();
        Map<String, byte[]> values = new HashMap<>();
        values.put(Topics.FRAME_PAIRS, Serdes.framePair().encode(pair));
        values.put(Topics.LATENTS, Serdes.latentState().encode(LatentState.newBuilder().setStreamId("cam").setSequence(3)
                .setPtsMicros(400_000).setCaptureTimeMicros(1).setModelVersion("tiny-v20")
                .setEmbedding(List.of(0.25f, 0.5f)).setTokens(null).build()));
        values.put(Topics.ANOMALY_ENERGY, Serdes.anomalyEnergy().encode(AnomalyEnergy.newBuilder().setStreamId("cam")
                .setSequence(3).setPtsMicros(400_000).setCaptureTimeMicros(1).setModelVersion("tiny-v20").setEnergy(1.25)
                .setZScore(Double.NaN).setAnomalous(true).setPatchEnergy(List.of(1f, 2f, 3f, 4f)).build()));
        values.put(Topics.CHECKPOINTS, Serdes.checkpointEvent().encode(CheckpointEvent.newBuilder().setModelId("tiny")
                .setVersion(20).setStep(20).setUri("file:///c/step-0000000020").setSha256("ab").setCreatedAtMillis(7)
                .setMetrics(Map.of("loss", 0.5)).setOffsets(Map.of("vjepa.frame-pairs-0", 41L)).build()));
        values.put(Topics.ACTIONS, Serdes.action().encode(Action.newBuilder().setStreamId("cam").setPtsMicros(400_000)
                .setValues(List.of(0.5f, -1f)).build()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                producer.send(new ProducerRecord<>(e.getKey(), "cam", e.getValue())).get();
            }
        }

        Map<String, JsonNode> byTopic = new HashMap<>();
        for (String line : run("--bootstrap", broker.bootstrapServers(), "--from-beginning", "--max", "5",
                "--timeout", "60", "--topic", Topics.FRAME_PAIRS, "--topic", Topics.LATENTS, "--topic",
                Topics.ANOMALY_ENERGY, "--topic", Topics.CHECKPOINTS, "--topic", Topics.ACTIONS)) {
            JsonNode record = new ObjectMapper().readTree(line);
            assertTrue(record.has("value"), "decoded: " + line);
            byTopic.put(record.get("topic").asText(), record);
        }
        assertEquals(values.keySet(), byTopic.keySet(), "a record of every topic");
        JsonNode decodedPair = byTopic.get(Topics.FRAME_PAIRS).get("value");
        assertEquals(3, decodedPair.get("sequence").asInt());
        assertEquals(16, decodedPair.get("context").get(1).get("width").asInt(), "a nested Frame");
        assertEquals("TUBE", decodedPair.get("mask").get("strategy").asText(), "a nested TemporalMask and its enum");
        assertEquals(768, decodedPair.get("target").get(0).get("data").get("bytes").asInt());
        assertEquals(-1.0, decodedPair.get("action").get(1).asDouble());
        JsonNode energy = byTopic.get(Topics.ANOMALY_ENERGY).get("value");
        assertEquals(1.25, energy.get("energy").asDouble());
        assertEquals("nan", energy.get("zScore").asText().toLowerCase(java.util.Locale.ROOT));
        assertEquals(4, energy.get("patchEnergy").size());
        assertEquals(41, byTopic.get(Topics.CHECKPOINTS).get("value").get("offsets").get("vjepa.frame-pairs-0").asInt());
        assertEquals("tiny-v20", byTopic.get(Topics.LATENTS).get("value").get("modelVersion").asText());
        assertEquals("cam", byTopic.get(Topics.ACTIONS).get("key").asText());
    }

    private static void requirePython() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: run the tests with bin/test, which installs it");
        }
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import avro, confluent_kafka").redirectErrorStream(true)
                .start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            fail("Debian's python3-avro and python3-confluent-kafka are needed (bin/test installs them): " + said);
        }
    }

    private static List<String> run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Process python = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(90, TimeUnit.SECONDS), "the consumer ended");
        assertEquals(0, python.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
