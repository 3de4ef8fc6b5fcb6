package io.vjepastream.embedder.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.runtime.http.ServiceEndpoint;
import io.vjepastream.runtime.http.ServiceHealth;
import io.vjepastream.schemas.FramePixels;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The dashboard's feed and paths, over a real HTTP endpoint (the browser test is in the app module). */
class DashboardTest {
    private static final int SIZE = 16;
    /** The feed reads no mask; a pair must have one. */
    private static final TemporalMask MASK = TemporalMask.newBuilder().setStrategy(MaskStrategy.TEMPORAL).setGridT(2)
            .setGridH(2).setGridW(2).setPatchSize(8).setContext(ByteBuffer.wrap(new byte[] {0x0f}))
            .setTarget(ByteBuffer.wrap(new byte[] {(byte) 0xf0})).setSeed(0).build();

    private static FramePair pair(String stream, long sequence, int grey) {
        byte[] rgb = new byte[SIZE * SIZE * 3];
        java.util.Arrays.fill(rgb, (byte) grey);
        Frame frame = Frame.newBuilder().setPtsMicros(sequence * 100_000).setCaptureTimeMicros(5_000_000 + sequence)
                .setWidth(SIZE).setHeight(SIZE).setPixelFormat(PixelFormat.RGB24).setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(rgb)).build();
        return FramePair.newBuilder().setStreamId(stream).setSequence(sequence).setContext(List.of(frame))
                .setTarget(List.of(frame)).setStrideFrames(1).setMask(MASK).setAction(null).setSource("test").build();
    }

    private static AnomalyEnergy energy(String stream, long sequence, boolean anomalous) {
        return AnomalyEnergy.newBuilder().setStreamId(stream).setSequence(sequence).setPtsMicros(sequence * 100_000)
                .setCaptureTimeMicros(5_000_000 + sequence).setModelVersion("tiny-v" + sequence / 10)
                .setEnergy(1.0 + sequence).setZScore(anomalous ? 4 : 0.5).setAnomalous(anomalous)
                .setPatchEnergy(Collections.nCopies(4, 0.25f)).build();
    }

    @Test
    void theFeedKeepsTheNewestAnswersAndHandsOutWhatCameSinceACursor() {
        AnswerFeed feed = new AnswerFeed(5);
        for (long i = 0; i < 8; i++) {
            feed.answered(pair(i % 2 == 0 ? "a" : "b", i, 10), energy(i % 2 == 0 ? "a" : "b", i, i == 7), 1_000 + i);
        }
        List<AnswerFeed.Point> all = feed.since(0);
        assertEquals(5, all.size(), "the oldest go when the feed is full");
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), all.stream().map(AnswerFeed.Point::index).toList());
        assertEquals(List.of(7L), feed.since(7).stream().map(AnswerFeed.Point::sequence).toList());
        assertTrue(feed.since(8).isEmpty());
        assertTrue(feed.since(7).get(0).anomalous());
        assertEquals(Map.of("a", 7L, "b", 8L), Map.of("a", feed.newest().get("a").index(), "b", feed.newest().get("b").index()));
        assertEquals(6L * 100_000, feed.newestFrame("a").orElseThrow().getPtsMicros());
    }

    @Test
    void servesThePageTheEventsAndTheNewestFrame() throws Exception {
        AnswerFeed feed = new AnswerFeed();
        feed.answered(pair("cam", 1, 200), energy("cam", 1, false), 1_000);
        feed.answered(pair("cam", 2, 90), energy("cam", 2, true), 1_100);
        Dashboard dashboard = new Dashboard(feed, () -> Map.of("model", "tiny-v0"));
        dashboard.panel("trainer", () -> Map.of("loss", 0.5));
        HttpClient client = HttpClient.newHttpClient();
        try (ServiceEndpoint http = ServiceEndpoint.start("embedder", 0, () -> "", () -> ServiceHealth.up("ok"),
                dashboard::handle)) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(http.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"), page.body());
            for (String path : List.of("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/dashboard/app.js",
                    "/dashboard/app.css")) {
                assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(http.url(path))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), path);
            }

            HttpResponse<java.io.InputStream> events = client.send(
                    HttpRequest.newBuilder(URI.create(http.url("/dashboard/events"))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            JsonNode first;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                List<String> event = new ArrayList<>();
                for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                    event.add(line);
                }
                assertEquals("id: 2", event.get(0));
                first = new ObjectMapper().readTree(event.get(1).substring("data: ".length()));
            }
            assertEquals(2, first.get("points").size(), "the first event has every answer kept");
            assertEquals("cam", first.get("points").get(1).get(0).asText());
            assertEquals(1, first.get("points").get(1).get(5).asInt(), "the second is flagged");
            assertEquals(1_100, first.get("points").get(1).get(8).asLong(), "with the time it was answered");
            assertEquals(2, first.get("newest").get("cam").get("grid").asInt());
            assertEquals(0.5, first.get("panels").get("trainer").get("loss").asDouble());
            assertEquals("tiny-v0", first.get("panels").get("embedder").get("model").asText());

            HttpResponse<byte[]> png = client.send(HttpRequest.newBuilder(URI.create(http.url("/dashboard/frame.png?stream=cam")))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertEquals(SIZE, image.getWidth());
            assertEquals(90, image.getRGB(3, 3) & 0xff, "the newest frame, not an older one");
            // A frame stored as PNG goes out as it is, not decoded and written again.
            java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
            ImageIO.write(FramePixels.image(new byte[SIZE * SIZE * 3], SIZE, SIZE), "png", stored);
            FramePair encoded = pair("png-cam", 3, 0);
            Frame target = Frame.newBuilder(encoded.getTarget().get(0)).setEncoding(FrameEncoding.PNG)
                    .setData(ByteBuffer.wrap(stored.toByteArray())).build();
            feed.answered(FramePair.newBuilder(encoded).setTarget(List.of(target)).build(), energy("png-cam", 3, false), 1_200);
            HttpResponse<byte[]> asStored = client.send(HttpRequest.newBuilder(
                    URI.create(http.url("/dashboard/frame.png?stream=png-cam"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(stored.toByteArray(), asStored.body());
            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(http.url("/dashboard/frame.png?stream=none")))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }
}
