package io.vjepastream.ingest.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.IngestService;
import io.vjepastream.ingest.pair.MaskGenerator;
import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.schemas.mask.MaskBits;
import io.vjepastream.ingest.sink.CollectingPairSink;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.FramePixels;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service end to end with a non-default mask and encoding: what the config says is what the records carry. */
class IngestServiceEncodingTest {
    @Test
    void pairsCarryTheConfiguredMasksAndEncoding() throws Exception {
        IngestConfig config = IngestConfig.builder().imageSize(32).patchSize(8)
                .masks(MaskSettings.defaults().withStrategy(MaskStrategy.RANDOM).withRatio(0.5).withSeed(3))
                .encoding(EncodingSettings.defaults().withEncoding(FrameEncoding.JPEG).withPixelFormat(PixelFormat.GRAY8)
                        .withJpegQuality(80))
                .build();
        CollectingPairSink sink = new CollectingPairSink();
        try (IngestService service = new IngestService(config, List.of(SourceSpec.parse("synthetic:?seconds=2")), sink)) {
            service.start();
            assertTrue(service.awaitCompletion(Duration.ofSeconds(30)));
        }
        List<FramePair> pairs = sink.pairs();
        assertEquals(20 - 4, pairs.size(), "2 s at 10 fps, the first 4 frames only as context");
        int targets = MaskGenerator.randomTargetCount(3 * 16, 0.5);
        for (FramePair pair : pairs) {
            assertEquals(MaskStrategy.RANDOM, pair.getMask().getStrategy());
            assertEquals(targets, MaskBits.count(bytes(pair.getMask().getTarget())));
            Frame target = pair.getTarget().get(0);
            assertEquals(FrameEncoding.JPEG, target.getEncoding());
            assertEquals(PixelFormat.GRAY8, target.getPixelFormat());
            byte[] rgb = FramePixels.rgb24(target);
            assertEquals(32 * 32 * 3, rgb.length);
            assertEquals(rgb[0], rgb[1], "gray pixels read back with equal channels");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
