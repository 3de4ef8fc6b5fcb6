package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestMetersTest {
    @Test
    void perStreamMetersFollowTheServiceAndGoAwayOnClose() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<SourceSpec> sources = List.of(SourceSpec.parse("a=synthetic:?seconds=3&fps=10&seed=1"),
                SourceSpec.parse("b=synthetic:?seconds=2&fps=10&seed=2"));
        IngestService service = new IngestService(IngestConfig.defaults(), sources, new CollectingPairSink(), registry);
        try (service) {
            service.start();
            assertTrue(service.awaitCompletion(Duration.ofSeconds(60)), "both clips end");
            for (String stream : List.of("a", "b")) {
                StreamStats stats = service.metrics().get(stream);
                assertEquals(stats.framesDecoded(),
                        registry.get("vjepa.ingest.frames.decoded").tag("stream", stream).functionCounter().count());
                assertEquals(stats.pairsSent(),
                        registry.get("vjepa.ingest.pairs.sent").tag("stream", stream).functionCounter().count());
                assertEquals(0, registry.get("vjepa.ingest.pairs.dropped").tag("stream", stream).functionCounter().count());
                assertEquals(0, registry.get("vjepa.ingest.reconnects").tag("stream", stream).functionCounter().count());
                assertEquals(0, registry.get("vjepa.ingest.stream.running").tag("stream", stream).gauge().value(),
                        "a completed clip no longer runs");
                assertTrue(registry.get("vjepa.ingest.decode.latency").tag("stream", stream).gauge().value() >= 0);
            }
            assertEquals(30 - 4, registry.get("vjepa.ingest.pairs.sent").tag("stream", "a").functionCounter().count());
        }
        assertNull(registry.find("vjepa.ingest.pairs.sent").functionCounter(), "closing the service unbinds its meters");
    }
}
