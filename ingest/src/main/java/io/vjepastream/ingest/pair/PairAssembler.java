package io.vjepastream.ingest.pair;

import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.encode.EncodingSettings;
import io.vjepastream.ingest.encode.FrameEncoder;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts one stream's sampled frames into {@link FramePair}s with a sliding window. With stride
 * {@code k} and {@code c} context frames, sampled frame {@code n >= c * k} yields the pair with context
 * frames {@code n - c*k, ..., n - k} (oldest first) and target frame {@code n}; with the defaults
 * ({@code k = 2, c = 2}) that is context {@code (n-4, n-2)}, target {@code n}. Each frame is encoded
 * once, when it arrives, in the configured pixel format and encoding, and shared by the pairs it
 * appears in.
 *
 * <p>A pair is numbered once, and gets its mask from a {@link MaskGenerator} seeded by the stream id
 * and that number, so a reader can reproduce the mask from the pair. {@link #accept} numbers pairs
 * from 0 as they are cut. A stream whose queue may drop pairs cuts them with {@link #assemble} and
 * numbers them with {@link #number} as they leave the queue, so the numbers have no gaps either way.
 *
 * <p>{@link #accept} and {@link #assemble} are not thread-safe: one assembler per stream, fed by that
 * stream's thread; {@link #number} may be called from another thread.
 */
public final class PairAssembler {
    private final String streamId;
    private final String source;
    private final int imageSize;
    private final int strideFrames;
    private final int contextFrames;
    private final MaskGenerator masks;
    private final FrameEncoder encoder;
    private final Frame[] window;
    private long framesSeen;
    private long nextSequence;

    /**
     * @param streamId key of the stream the pairs belong to
     * @param source the URI the frames come from
     * @param imageSize width and height every frame must have
     * @param patchSize token patch side, for the mask grid
     * @param strideFrames k: sampled frames between the frames of a pair
     * @param contextFrames c: context frames per pair
     */
    public PairAssembler(String streamId, String source, int imageSize, int patchSize, int strideFrames,
                         int contextFrames) {
        this(streamId, source, imageSize, patchSize, strideFrames, contextFrames, MaskSettings.defaults(),
                EncodingSettings.defaults());
    }

    /**
     * An assembler with the configuration's resolution, stride, context frames, masks and encoding.
     *
     * @param streamId key of the stream the pairs belong to
     * @param source the URI the frames come from
     * @param config the ingest configuration
     */
    public PairAssembler(String streamId, String source, IngestConfig config) {
        this(streamId, source, config.imageSize(), config.patchSize(), config.strideFrames(), config.contextFrames(),
                config.masks(), config.encoding());
    }

    /**
     * An assembler with every setting given.
     *
     * @param streamId key of the stream the pairs belong to
     * @param source the URI the frames come from
     * @param imageSize width and height every frame must have
     * @param patchSize token patch side, for the mask grid
     * @param strideFrames k: sampled frames between the frames of a pair
     * @param contextFrames c: context frames per pair
     * @param maskSettings mask strategy, ratio and base seed
     * @param encoding pixel format and encoding of the frames in the records
     */
    public PairAssembler(String streamId, String source, int imageSize, int patchSize, int strideFrames,
                         int contextFrames, MaskSettings maskSettings, EncodingSettings encoding) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.source = Objects.requireNonNull(source, "source");
        if (imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize + " must be a positive multiple of patchSize "
                    + patchSize);
        }
        if (strideFrames <= 0 || contextFrames <= 0) {
            throw new IllegalArgumentException("strideFrames " + strideFrames + " and contextFrames " + contextFrames
                    + " must be >= 1");
        }
        this.imageSize = imageSize;
        this.strideFrames = strideFrames;
        this.contextFrames = contextFrames;
        this.masks = new MaskGenerator(maskSettings, contextFrames, 1, imageSize / patchSize, patchSize);
        this.encoder = FrameEncoder.of(encoding);
        this.window = new Frame[contextFrames * strideFrames + 1];
    }

    /**
     * Adds the next sampled frame.
     *
     * @return the pair whose target is this frame, or null while the window is still filling
     * @throws IllegalArgumentException when the frame is not {@code imageSize x imageSize}
     */
    public FramePair accept(DecodedFrame frame) {
        Unnumbered pair = assemble(frame);
        return pair == null ? null : number(pair, nextSequence++);
    }

    /**
     * Adds the next sampled frame, as {@link #accept} does, but leaves the pair to be numbered.
     *
     * @return the frames of the pair whose target is this frame, or null while the window is still filling
     * @throws IllegalArgumentException when the frame is not {@code imageSize x imageSize}
     */
    public Unnumbered assemble(DecodedFrame frame) {
        if (frame.width() != imageSize || frame.height() != imageSize) {
            throw new IllegalArgumentException(streamId + ": frame is " + frame.width() + "x" + frame.height()
                    + " but pairs need " + imageSize + "x" + imageSize);
        }
        long n = framesSeen++;
        window[(int) (n % window.length)] = encoder.encode(frame);
        long span = (long) contextFrames * strideFrames;
        if (n < span) {
            return null;
        }
        List<Frame> context = new ArrayList<>(contextFrames);
        for (int i = contextFrames; i >= 1; i--) {
            context.add(record(window[(int) ((n - (long) i * strideFrames) % window.length)]));
        }
        return new Unnumbered(context, record(window[(int) (n % window.length)]));
    }

    /**
     * Gives a cut pair its number and the mask seeded by it.
     *
     * @param pair a pair from {@link #assemble} of this assembler
     * @param sequence the pair's place among the stream's pairs, from 0
     */
    public FramePair number(Unnumbered pair, long sequence) {
        return FramePair.newBuilder()
                .setStreamId(streamId)
                .setSequence(sequence)
                .setContext(pair.context())
                .setTarget(List.of(pair.target()))
                .setStrideFrames(strideFrames)
                .setMask(masks.mask(MaskGenerator.pairSeed(masks.settings().seed(), streamId, sequence)))
                .setAction(null)
                .setSource(source)
                .build();
    }

    /** Sampled frames seen so far. */
    long framesSeen() {
        return framesSeen;
    }

    /** Pairs numbered by {@link #accept} so far, which is also the number of its next pair. */
    long pairsMade() {
        return nextSequence;
    }

    private static Frame record(Frame f) {
        // Each pair gets its own record and buffer view; the encoded bytes themselves are shared and never written.
        return Frame.newBuilder()
                .setPtsMicros(f.getPtsMicros())
                .setCaptureTimeMicros(f.getCaptureTimeMicros())
                .setWidth(f.getWidth())
                .setHeight(f.getHeight())
                .setPixelFormat(f.getPixelFormat())
                .setEncoding(f.getEncoding())
                .setData(f.getData().duplicate())
                .build();
    }

    /**
     * A pair's frames before it is numbered.
     *
     * @param context the context frames, oldest first
     * @param target the target frame
     */
    public record Unnumbered(List<Frame> context, Frame target) {
    }
}
