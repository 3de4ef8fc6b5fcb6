package io.vjepastream.embedder;

import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.FramePair;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.records.TemporalMask;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds small frame pair records for the embedder's tests. */
final class TestPairs {
    /** Microseconds between sampled frames (12.5 fps). */
    static final long FRAME_MICROS = 80_000;
    /** Wall clock of the first frame, epoch microseconds. */
    static final long CAPTURE_ORIGIN = 1_700_000_000_000_000L;

    private TestPairs() {
    }

    /** An RGB24 image of one colour. */
    static byte[] solid(int size, int r, int g, int b) {
        byte[] rgb = new byte[size * size * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return rgb;
    }

    /** An RGB24 image of uniform random noise. */
    static byte[] noise(int size, long seed) {
        byte[] rgb = new byte[size * size * 3];
        new Random(seed).nextBytes(rgb);
        return rgb;
    }

    /** A RAW RGB24 frame declaring {@code size x size}, holding {@code rgb} whatever its length. */
    static Frame frame(long index, int size, byte[] rgb) {
        return Frame.newBuilder()
                .setPtsMicros(index * FRAME_MICROS)
                .setCaptureTimeMicros(CAPTURE_ORIGIN + index * FRAME_MICROS)
                .setWidth(size)
                .setHeight(size)
                .setPixelFormat(PixelFormat.RGB24)
                .setEncoding(FrameEncoding.RAW)
                .setData(ByteBuffer.wrap(rgb))
                .build();
    }

    /**
     * Pair {@code sequence} of a stream sampled every frame: context frames {@code sequence} and
     * {@code sequence + 1}, target frame {@code sequence + 2}, all {@code size x size}.
     */
    static FramePair pair(String streamId, long sequence, int size, byte[] context, byte[] target) {
        return pair(streamId, sequence, List.of(frame(sequence, size, context), frame(sequence + 1, size, context)),
                List.of(frame(sequence + 2, size, target)), size);
    }

    /** A pair of the given frames with a TEMPORAL mask for a {@code size}-pixel model of patch 8. */
    static FramePair pair(String streamId, long sequence, List<Frame> context, List<Frame> target, int size) {
        return FramePair.newBuilder()
                .setStreamId(streamId)
                .setSequence(sequence)
                .setContext(new ArrayList<>(context))
                .setTarget(new ArrayList<>(target))
                .setStrideFrames(1)
                .setMask(temporalMask(context.size(), target.size(), size / 8))
                .setAction(null)
                .setSource("test:" + streamId)
                .build();
    }

    /** The last target frame's presentation time of {@link #pair(String, long, int, byte[], byte[])}. */
    static long targetPts(long sequence) {
        return (sequence + 2) * FRAME_MICROS;
    }

    private static TemporalMask temporalMask(int contextFrames, int targetFrames, int grid) {
        int tokensPerFrame = grid * grid;
        int tokens = (contextFrames + targetFrames) * tokensPerFrame;
        byte[] context = new byte[(tokens + 7) / 8];
        byte[] target = new byte[(tokens + 7) / 8];
        for (int t = 0; t < tokens; t++) {
            byte[] bits = t < contextFrames * tokensPerFrame ? context : target;
            bits[t / 8] |= (byte) (1 << (t % 8));
        }
        return TemporalMask.newBuilder()
                .setStrategy(MaskStrategy.TEMPORAL)
                .setGridT(contextFrames + targetFrames)
                .setGridH(grid)
                .setGridW(grid)
                .setPatchSize(8)
                .setContext(ByteBuffer.wrap(context))
                .setTarget(ByteBuffer.wrap(target))
                .setSeed(0)
                .build();
    }
}
