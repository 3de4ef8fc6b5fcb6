package io.vjepastream.ingest.pair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.AvroSerde;
import io.vjepastream.schemas.FramePixels;
import io.vjepastream.schemas.Serdes;
import io.vjepastream.schemas.mask.MaskBits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairAssemblerTest {
    /** Frame {@code n}: pts n * 100 ms, every byte equal to n. */
    private static DecodedFrame frame(int n, int size) {
        byte[] rgb = new byte[size * size * 3];
        Arrays.fill(rgb, (byte) n);
        return new DecodedFrame(n * 100_000L, 1_700_000_000_000_000L + n, size, size, rgb);
    }

    private static List<FramePair> feed(PairAssembler assembler, int frames, int size) {
        List<FramePair> pairs = new ArrayList<>();
        for (int n = 0; n < frames; n++) {
            FramePair pair = assembler.accept(frame(n, size));
            if (pair != null) {
                pairs.add(pair);
            }
        }
        return pairs;
    }

    private static long index(Frame f) {
        return f.getPtsMicros() / 100_000L;
    }

    @Test
    void defaultStrideTwoPairsFramesNMinus4NMinus2AndN() {
        PairAssembler assembler = new PairAssembler("cam", "file:///v.mp4", 64, 8, 2, 2);
        for (int n = 0; n < 4; n++) {
            assertNull(assembler.accept(frame(n, 64)), "no pair before frame 2k = 4");
        }
        List<FramePair> pairs = new ArrayList<>();
        for (int n = 4; n < 20; n++) {
            pairs.add(assembler.accept(frame(n, 64)));
        }
        assertEquals(16, pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            FramePair pair = pairs.get(i);
            long n = i + 4;
            assertEquals(i, pair.getSequence(), "sequences count from 0 without gaps");
            assertEquals(List.of(n - 4, n - 2), pair.getContext().stream().map(PairAssemblerTest::index).toList());
            assertEquals(List.of(n), pair.getTarget().stream().map(PairAssemblerTest::index).toList());
            assertEquals(2, pair.getStrideFrames());
            assertEquals("cam", pair.getStreamId());
            assertEquals("file:///v.mp4", pair.getSource());
            assertNull(pair.getAction());
            // The pixels travel with their frame.
            assertEquals((byte) (n - 4), FramePixels.rgb24(pair.getContext().get(0))[0]);
        }
        assertEquals(20, assembler.framesSeen());
        assertEquals(16, assembler.pairsMade());
    }

    @Test
    void otherStridesAndContextLengths() {
        List<FramePair> pairs = feed(new PairAssembler("s", "synthetic:", 16, 4, 3, 3), 15, 16);
        assertEquals(15 - 9, pairs.size());
        FramePair first = pairs.get(0);
        assertEquals(List.of(0L, 3L, 6L), first.getContext().stream().map(PairAssemblerTest::index).toList());
        assertEquals(List.of(9L), first.getTarget().stream().map(PairAssemblerTest::index).toList());
        assertEquals(4, first.getMask().getGridT());

        List<FramePair> adjacent = feed(new PairAssembler("s", "synthetic:", 16, 4, 1, 2), 5, 16);
        assertEquals(List.of(1L, 2L), adjacent.get(1).getContext().stream().map(PairAssemblerTest::index).toList());
        assertEquals(3L, index(adjacent.get(1).getTarget().get(0)));
    }

    @Test
    void temporalMaskCoversContextAndTargetTokensDisjointly() {
        FramePair pair = feed(new PairAssembler("cam", "synthetic:", 64, 8, 2, 2), 5, 64).get(0);
        TemporalMask mask = pair.getMask();
        assertEquals(MaskStrategy.TEMPORAL, mask.getStrategy());
        assertEquals(3, mask.getGridT());
        assertEquals(8, mask.getGridH());
        assertEquals(8, mask.getGridW());
        assertEquals(8, mask.getPatchSize());
        byte[] context = bytes(mask.getContext());
        byte[] target = bytes(mask.getTarget());
        assertEquals(24, context.length, "3 x 8 x 8 tokens in 24 bytes");
        assertEquals(2 * 64, MaskBits.count(context));
        assertEquals(64, MaskBits.count(target));
        assertTrue(MaskBits.disjoint(context, target));
        for (int token = 0; token < 192; token++) {
            assertEquals(token < 128, MaskBits.get(context, token), "context bit " + token);
            assertEquals(token >= 128, MaskBits.get(target, token), "target bit " + token);
        }
    }

    @Test
    void framesAreRawRgb24WithTheirTimes() {
        Frame target = feed(new PairAssembler("cam", "synthetic:", 8, 4, 2, 2), 5, 8).get(0).getTarget().get(0);
        assertEquals(PixelFormat.RGB24, target.getPixelFormat());
        assertEquals(FrameEncoding.RAW, target.getEncoding());
        assertEquals(8, target.getWidth());
        assertEquals(8, target.getHeight());
        assertEquals(400_000L, target.getPtsMicros());
        assertEquals(1_700_000_000_000_004L, target.getCaptureTimeMicros());
        assertEquals(8 * 8 * 3, target.getData().remaining());
    }

    @Test
    void pairsSurviveTheKafkaSerde() {
        AvroSerde<FramePair> serde = Serdes.framePair();
        FramePair pair = feed(new PairAssembler("cam", "synthetic:", 64, 8, 2, 2), 6, 64).get(1);
        FramePair back = serde.decode(serde.encode(pair));
        assertEquals(pair, back);
        assertArrayEquals(FramePixels.rgb24(pair.getTarget().get(0)), FramePixels.rgb24(back.getTarget().get(0)));
    }

    @Test
    void rejectsFramesOfTheWrongSize() {
        PairAssembler assembler = new PairAssembler("cam", "synthetic:", 64, 8, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assembler.accept(frame(0, 32)));
        assertTrue(e.getMessage().contains("32x32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PairAssembler("cam", "x", 60, 8, 2, 2));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
