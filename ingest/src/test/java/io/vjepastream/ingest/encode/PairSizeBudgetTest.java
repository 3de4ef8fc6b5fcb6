package io.vjepastream.ingest.encode;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.pair.MaskSettings;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PairSizeBudgetTest {
    @Test
    void rawFramesAreExactlyTheirPixels() {
        EncodingSettings raw = EncodingSettings.defaults();
        assertEquals(64 * 64 * 3, PairSizeBudget.worstCaseFrameBytes(raw, 64, 64));
        assertEquals(64 * 64, PairSizeBudget.worstCaseFrameBytes(raw.withPixelFormat(PixelFormat.GRAY8), 64, 64));
        assertTrue(PairSizeBudget.worstCasePairBytes(raw, 3, 64, 8) < 3 * 64 * 64 * 3 + 70_000);
    }

    @Test
    void aConfigurationTooLargeForTheTopicIsRefusedAtBuildWithTheNumbers() {
        IngestConfig.Builder big = IngestConfig.builder().imageSize(2048).patchSize(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, big::build);
        long worst = PairSizeBudget.worstCasePairBytes(EncodingSettings.defaults(), 3, 2048, 16);
        assertTrue(e.getMessage().startsWith("invalid ingest config: a frame pair of 3 frames 2048x2048 RGB24 RAW"),
                e.getMessage());
        assertTrue(e.getMessage().contains("up to " + worst + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("maxMessageBytes = 16777216"), e.getMessage());

        // One channel instead of three fits; so does a raised limit.
        assertDoesNotThrow(() -> big.encoding(EncodingSettings.defaults().withPixelFormat(PixelFormat.GRAY8)).build());
        assertDoesNotThrow(() -> big.encoding(EncodingSettings.defaults().withMaxMessageBytes(64 << 20)).build());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> IngestConfig.builder()
                .encoding(EncodingSettings.defaults().withMaxMessageBytes(100_000)).build());
        assertTrue(small.getMessage().contains("maxMessageBytes = 100000"), small.getMessage());
    }

    @Test
    void settingsNameBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncodingSettings.defaults().withJpegQuality(0));
        assertEquals("invalid ingest config: jpegQuality = 0; allowed: an integer from 1 to 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncodingSettings.defaults().withMaxMessageBytes(0));
        assertTrue(e.getMessage().startsWith("invalid ingest config: maxMessageBytes = 0"), e.getMessage());
    }

    /** Pure noise is the hardest input for every codec; real serialised pairs must stay within the bound. */
    @ParameterizedTest
    @EnumSource(FrameEncoding.class)
    void serialisedNoisePairsStayWithinTheWorstCase(FrameEncoding encoding) {
        for (PixelFormat format : PixelFormat.values()) {
            EncodingSettings settings = EncodingSettings.defaults().withEncoding(encoding).withPixelFormat(format)
                    .withJpegQuality(100);
            IngestConfig config = IngestConfig.builder().imageSize(32).patchSize(8).encoding(settings)
                    .masks(MaskSettings.defaults().withStrategy(MaskStrategy.TUBE)).build();
            PairAssembler assembler = new PairAssembler("cam", "file:/v.mp4", config);
            FramePair pair = null;
            for (int n = 0; pair == null; n++) {
                pair = assembler.accept(FrameEncoderTest.noise(32, 32, n));
            }
            long size = Serdes.framePair().encode(pair).length;
            long bound = PairSizeBudget.worstCasePairBytes(settings, 3, 32, 8) - PairSizeBudget.TEXT_ALLOWANCE_BYTES;
            assertTrue(size <= bound, encoding + " " + format + ": " + size + " bytes > bound " + bound);
        }
    }
}
