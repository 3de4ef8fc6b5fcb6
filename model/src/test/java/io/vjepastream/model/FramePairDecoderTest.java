package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import io.vjepastream.schemas.Serdes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FramePairDecoderTest {
    private final JepaConfig model = JepaConfig.builder().imageSize(16).patchSize(8).build();
    private final FramePairDecoder decoder = new FramePairDecoder(model);

    static Frame frame(int size, int fill) {
        byte[] data = new byte[size * size * 3];
        Arrays.fill(data, (byte) fill);
        return Frame.newBuilder().setPtsMicros(fill).setCaptureTimeMicros(0).setWidth(size).setHeight(size)
                .setPixelFormat(PixelFormat.RGB24).setEncoding(FrameEncoding.RAW).setData(ByteBuffer.wrap(data))
                .build();
    }

    static byte[] pair(List<Frame> context, List<Frame> target) {
        TemporalMask mask = TemporalMask.newBuilder().setStrategy(MaskStrategy.TEMPORAL).setGridT(3).setGridH(2)
                .setGridW(2).setPatchSize(8).setContext(ByteBuffer.wrap(new byte[2]))
                .setTarget(ByteBuffer.wrap(new byte[2])).setSeed(0).build();
        return Serdes.framePair().encode(FramePair.newBuilder().setStreamId("s").setSequence(0).setContext(context)
                .setTarget(target).setStrideFrames(1).setMask(mask).setSource("test:").build());
    }

    @Test
    void decodesFramesInOrder() {
        PairSample sample = decoder.decode(pair(List.of(frame(16, 1), frame(16, 2)), List.of(frame(16, 3))));
        assertEquals(2, sample.context().size());
        assertEquals(1, sample.target().size());
        assertEquals(1, sample.context().get(0)[0]);
        assertEquals(2, sample.context().get(1)[0]);
        byte[] expected = new byte[16 * 16 * 3];
        Arrays.fill(expected, (byte) 3);
        assertArrayEquals(expected, sample.target().get(0));
    }

    @Test
    void refusesFramesOfTheWrongSize() {
        byte[] bytes = pair(List.of(frame(16, 1), frame(16, 2)), List.of(frame(32, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.decode(bytes));
        assertEquals("target frame 0 is 32x32; the model takes 16x16", e.getMessage());
    }

    @Test
    void refusesTheWrongNumberOfContextFrames() {
        byte[] bytes = pair(List.of(frame(16, 1)), List.of(frame(16, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.decode(bytes));
        assertTrue(e.getMessage().contains("1 context frames; the model takes 2"), e.getMessage());
    }

    @Test
    void refusesCorruptBytes() {
        byte[] bytes = pair(List.of(frame(16, 1), frame(16, 2)), List.of(frame(16, 3)));
        byte[] corrupt = Arrays.copyOf(bytes, 40);
        assertThrows(SerializationException.class, () -> decoder.decode(corrupt));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode((byte[]) null));
    }
}
