package io.vjepastream.app.service;

import static io.vjepastream.app.CliRun.vjepa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TopicSetup;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.Topics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
    private static final Pattern STATUS = Pattern.compile(
            "(\\S+) (RUNNING|COMPLETED|FAILED|STOPPED|OPENING|PENDING): in \\d+\\.\\d fps, out \\d+\\.\\d pairs/s \\| "
                    + "\\d+ decoded, \\d+ sampled, \\d+ pairs, \\d+ dropped, \\d+ queued \\| \\d+ reconnects?.* \\| "
                    + "decode \\d+\\.\\d\\d ms \\| \\d+ producer errors?.*");

    @Test
    @Timeout(120)
    void printsOneStatusLinePerStreamAndFailsForTheBadOne(@TempDir Path dir) throws Exception {
        Path frames = Files.createDirectory(dir.resolve("frames"));
        for (int i = 0; i < 10; i++) {
            BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(25 * i, 0, 0));
            g.fillRect(0, 0, 32, 32);
            g.dispose();
            ImageIO.write(image, "png", dir.resolve("frames").resolve("f" + i + ".png").toFile());
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
            CliRun run = vjepa("ingest", "--source", "seq=images:" + frames + "?fps=10",
                    "--source", "wrist=v4l2:///dev/video91?width=640&height=480", "--bootstrap",
                    broker.bootstrapServers(), "--status-every", "200ms");
            assertEquals(1, run.exitCode(), "a failed stream makes the exit code 1: " + run.out() + run.err());
            List<String> lines = run.out().lines().toList();
            String seq = lines.stream().filter(l -> l.startsWith("seq COMPLETED")).reduce((a, b) -> b).orElseThrow(
                    () -> new AssertionError(run.out() + run.err()));
            assertTrue(STATUS.matcher(seq).matches(), seq);
            assertTrue(seq.contains("10 decoded, 10 sampled, 6 pairs, 0 dropped"), seq);
            String wrist = lines.stream().filter(l -> l.startsWith("wrist FAILED")).reduce((a, b) -> b).orElseThrow();
            assertTrue(STATUS.matcher(wrist).matches(), wrist);
            assertTrue(wrist.endsWith("| last: v4l2:///dev/video91: no such device (/dev/video91)"), wrist);
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        }
    }

    @Test
    @Timeout(120)
    void masksAndFrameEncodingFromTheCommandLineReachTheRecords() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            TopicSetup.createAll(broker.bootstrapServers(), 1, (short) 1);
            CliRun run = vjepa("ingest", "--source", "synthetic:?seconds=1&fps=10", "--bootstrap",
                    broker.bootstrapServers(), "--mask", "tube", "--encoding", "png", "--status-every", "200ms");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "mask-check");
            try (KafkaConsumer<String, FramePair> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    Serdes.framePair().deserializer())) {
                consumer.subscribe(List.of(Topics.FRAME_PAIRS));
                List<FramePair> pairs = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                while (pairs.size() < 6 && System.nanoTime() < deadline) {
                    consumer.poll(java.time.Duration.ofMillis(500)).forEach(r -> pairs.add(r.value()));
                }
                assertEquals(6, pairs.size(), "10 frames at stride 2 make 6 pairs");
                for (FramePair pair : pairs) {
                    assertEquals(MaskStrategy.TUBE, pair.getMask().getStrategy());
                    assertEquals(FrameEncoding.PNG, pair.getTarget().get(0).getEncoding());
                    assertEquals(64 * 64 * 3, FramePixels.rgb24(pair.getTarget().get(0)).length);
                }
            }
        }
    }

    @Test
    void zeroOrNegativeRatesAreOneLineErrors(@TempDir Path dir) {
        String[][] cases = {{"--fps", "0", "'--fps': '0' must be a positive, finite number of frames per second"},
            {"--stride", "-1", "'--stride': '-1' must be a positive integer"},
            {"--queue", "0", "'--queue': '0' must be a positive integer"}};
        for (String[] c : cases) {
            CliRun run = vjepa("ingest", "--source", "synthetic:?seconds=1", "--bootstrap", "127.0.0.1:1", c[0], c[1]);
            assertEquals(2, run.exitCode(), "a usage error: " + run.out() + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains(c[2]), run.err());
        }
        CliRun images = vjepa("ingest", "--source", "images:" + dir + "?fps=-2", "--bootstrap", "127.0.0.1:1");
        assertEquals(1, images.exitCode());
        assertTrue(images.err().strip().endsWith("fps = -2; allowed: a number of frames per second in (0, 1000]"),
                images.err());
    }
}
