package io.vjepastream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.records.FramePair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recording's pairs, read without Kafka, are the ones ingest would publish. */
class RecordedPairsTest {
    @Test
    void cutsPairsAsIngestDoes() {
        IngestConfig ingest = IngestConfig.defaults();
        List<FramePair> pairs = new ArrayList<>();
        try (RecordedPairs recorded = new RecordedPairs(SourceSpec.parse("clip=synthetic:?seconds=1&fps=10"),
                ingest.imageSize(), ingest.patchSize(), ingest.contextFrames(), ingest.sampleFps(),
                ingest.strideFrames())) {
            assertTrue(recorded.scene().isPresent(), "a synthetic source has its ground truth");
            for (FramePair pair = recorded.next(); pair != null; pair = recorded.next()) {
                pairs.add(pair);
            }
        }
        assertEquals(6, pairs.size(), "10 frames at stride 2 with 2 context frames make 6 pairs");
        for (FramePair pair : pairs) {
            assertEquals("clip", pair.getStreamId());
            assertEquals(2, pair.getContext().size());
            assertEquals(1, pair.getTarget().size());
            long first = pair.getContext().get(0).getPtsMicros();
            assertEquals(first + 400_000, pair.getTarget().get(0).getPtsMicros(), "t-k, t -> t+k at 10 fps, k = 2");
            assertEquals(ingest.imageSize(), pair.getTarget().get(0).getWidth());
        }
    }
}
