package io.vjepastream.app.cli;

import static io.vjepastream.app.CliRun.vjepa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.app.CliRun;
import io.vjepastream.broker.SharedBroker;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.LatentState;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TailCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @BeforeAll
    static void produce() throws Exception {
        LatentState latent = LatentState.newBuilder().setStreamId("cam-1").setSequence(41).setPtsMicros(3_280_000)
                .setCaptureTimeMicros(1_700_000_000_000_000L).setModelVersion("tiny-v3")
                .setEmbedding(List.of(0.5f, -1.25f, 3f)).build();
        AnomalyEnergy energy = AnomalyEnergy.newBuilder().setStreamId("cam-1").setSequence(41).setPtsMicros(3_280_000)
                .setCaptureTimeMicros(1_700_000_000_000_000L).setModelVersion("tiny-v3").setEnergy(0.75)
                .setZScore(2.5).setAnomalous(true).setPatchEnergy(List.of(0.1f, 0.2f, 0.3f, 0.4f)).build();
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.FRAME_PAIRS_DLQ, "cam-1",
                "not avro".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(Topics.DLQ_REASON_HEADER, "cannot decode FramePair".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LATENTS, "cam-1", Serdes.latentState().encode(latent))).get();
            producer.send(new ProducerRecord<>(Topics.LATENTS, "cam-1", Serdes.anomalyEnergy().encode(energy))).get();
            producer.send(new ProducerRecord<>(Topics.LATENTS, "cam-1", "garbage".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(garbage).get();
        }
    }

    @Test
    void printsDecodedRecordsAsJsonLines() throws Exception {
        CliRun run = vjepa("tail", Topics.LATENTS, "--bootstrap", broker.bootstrapServers(), "--max", "3");
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> lines = parse(run.out());
        assertEquals(3, lines.size(), run.out());

        JsonNode latent = lines.get(0);
        assertEquals(Topics.LATENTS, latent.get("topic").asText());
        assertEquals(0, latent.get("partition").asInt());
        assertEquals(0, latent.get("offset").asLong());
        assertTrue(latent.get("timestamp").asLong() > 0);
        assertEquals("cam-1", latent.get("key").asText());
        assertEquals("LatentState", latent.get("schema").asText());
        assertEquals("cam-1", latent.get("value").get("streamId").asText());
        assertEquals(41, latent.get("value").get("sequence").asLong());
        assertEquals("tiny-v3", latent.get("value").get("modelVersion").asText());
        assertEquals(3, latent.get("value").get("embedding").size());
        assertEquals(-1.25, latent.get("value").get("embedding").get(1).asDouble());
        assertTrue(latent.get("value").get("tokens").isNull());

        JsonNode energy = lines.get(1).get("value");
        assertEquals("AnomalyEnergy", lines.get(1).get("schema").asText());
        assertEquals(41, energy.get("sequence").asLong());
        assertEquals(0.75, energy.get("energy").asDouble());
        assertTrue(energy.get("anomalous").asBoolean());
        assertEquals(4, energy.get("patchEnergy").size());

        assertEquals("<7 bytes>", lines.get(2).get("value").get("undecodable").asText());
        assertTrue(lines.get(2).get("headers").isObject());
    }

    @Test
    void deadLettersShowTheirReason() throws Exception {
        CliRun run = vjepa("tail", Topics.FRAME_PAIRS_DLQ, "--bootstrap", broker.bootstrapServers(), "--max", "1");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode line = parse(run.out()).get(0);
        assertEquals("<8 bytes>", line.get("value").get("undecodable").asText());
        assertEquals("cannot decode FramePair", line.get("headers").get(Topics.DLQ_REASON_HEADER).asText());
    }

    @Test
    void stopsAfterTheTimeoutWithoutNewRecords() throws Exception {
        CliRun earliest = vjepa("tail", Topics.LATENTS, "--bootstrap", broker.bootstrapServers(), "--timeout", "1s");
        assertEquals(0, earliest.exitCode(), earliest.err());
        assertEquals(3, parse(earliest.out()).size());

        CliRun latest = vjepa("tail", Topics.LATENTS, "--bootstrap", broker.bootstrapServers(),
                "--from", "latest", "--timeout", "500ms");
        assertEquals(0, latest.exitCode(), latest.err());
        assertEquals("", latest.out());
    }

    @Test
    void aMissingTopicIsOneLine() {
        CliRun run = vjepa("tail", "no.such.topic", "--bootstrap", broker.bootstrapServers(), "--timeout", "1s");
        assertEquals(1, run.exitCode());
        assertEquals("vjepa: topic no.such.topic does not exist on " + broker.bootstrapServers() + " (waited 1s)",
                run.err().strip());
    }

    private static List<JsonNode> parse(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
