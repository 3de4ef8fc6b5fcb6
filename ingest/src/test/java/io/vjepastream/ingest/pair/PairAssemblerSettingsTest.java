package io.vjepastream.ingest.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.encode.EncodingSettings;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.Serdes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assembler with masks and encodings from the configuration. */
class PairAssemblerSettingsTest {
    private static List<FramePair> pairs(IngestConfig config, String streamId, int frames) {
        PairAssembler assembler = new PairAssembler(streamId, "synthetic:", config);
        List<FramePair> out = new ArrayList<>();
        for (int n = 0; n < frames; n++) {
            byte[] rgb = new byte[config.frameBytes()];
            Arrays.fill(rgb, (byte) (10 * n));
            FramePair pair = assembler.accept(new DecodedFrame(n * 100_000L, n, config.imageSize(), config.imageSize(),
                    rgb));
            if (pair != null) {
                out.add(pair);
            }
        }
        return out;
    }

    @Test
    void eachPairGetsItsOwnSeededMaskOfTheConfiguredStrategy() {
        IngestConfig config = IngestConfig.builder()
                .masks(MaskSettings.defaults().withStrategy(MaskStrategy.TUBE).withSeed(11)).build();
        List<FramePair> first = pairs(config, "cam", 10);
        List<FramePair> again = pairs(config, "cam", 10);
        MaskGenerator generator = new MaskGenerator(config.masks(), 2, 1, 8, 8);
        for (int i = 0; i < first.size(); i++) {
            FramePair pair = first.get(i);
            assertEquals(MaskStrategy.TUBE, pair.getMask().getStrategy());
            assertEquals(MaskGenerator.pairSeed(11, "cam", i), pair.getMask().getSeed());
            assertEquals(generator.mask(pair.getMask().getSeed()), pair.getMask(), "the recorded seed reproduces the mask");
            assertEquals(again.get(i).getMask(), pair.getMask(), "same settings, same masks");
        }
        assertNotEquals(first.get(0).getMask(), first.get(1).getMask());
        assertNotEquals(first.get(0).getMask().getSeed(), pairs(config, "wrist", 5).get(0).getMask().getSeed());
    }

    @Test
    void framesAreEncodedOnceAndSharedByThePairsTheyAppearIn() {
        IngestConfig config = IngestConfig.builder()
                .encoding(EncodingSettings.defaults().withEncoding(FrameEncoding.PNG).withPixelFormat(PixelFormat.GRAY8))
                .build();
        List<FramePair> pairs = pairs(config, "cam", 9);
        FramePair early = pairs.get(0);
        FramePair later = pairs.get(2);
        assertEquals(FrameEncoding.PNG, early.getTarget().get(0).getEncoding());
        assertEquals(PixelFormat.GRAY8, early.getTarget().get(0).getPixelFormat());
        // Frame 4 is the target of pair 0 and the second context frame of pair 2.
        assertEquals(400_000L, later.getContext().get(1).getPtsMicros());
        assertSame(early.getTarget().get(0).getData().array(), later.getContext().get(1).getData().array());
        byte[] rgb = FramePixels.rgb24(later.getContext().get(1));
        assertEquals(40, rgb[0] & 0xFF);
        FramePair back = Serdes.framePair().decode(Serdes.framePair().encode(later));
        assertEquals(later, back);
    }

    @Test
    void theDefaultsStayTemporalRawRgb() {
        FramePair pair = pairs(IngestConfig.defaults(), "cam", 5).get(0);
        assertEquals(MaskStrategy.TEMPORAL, pair.getMask().getStrategy());
        assertEquals(FrameEncoding.RAW, pair.getTarget().get(0).getEncoding());
        assertEquals(PixelFormat.RGB24, pair.getTarget().get(0).getPixelFormat());
        assertTrue(pair.getMask().getSeed() != 0 || pair.getMask().getStrategy() == MaskStrategy.TEMPORAL);
    }
}
