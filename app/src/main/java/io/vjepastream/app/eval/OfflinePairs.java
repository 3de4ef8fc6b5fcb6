package io.vjepastream.app.eval;

import io.vjepastream.ingest.pair.FrameSampler;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticVideoSource;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.source.VideoSources;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import io.vjepastream.schemas.FramePixels;
import java.time.Duration;
import java.util.Optional;

/**
 * Frame pairs from any source without Kafka: the ingest module's own source, sampler and pair
 * assembler, so a pair here is exactly the pair the ingest service would publish, and its pixels as
 * the model takes them.
 */
public final class OfflinePairs implements AutoCloseable {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One pair.
     *
     * @param record the pair as the ingest service would publish it
     * @param sample its pixels, as the model takes them
     * @param firstPtsMicros presentation time of its oldest context frame
     * @param targetPtsMicros presentation time of its target frame
     */
    public record Item(FramePair record, PairSample sample, long firstPtsMicros, long targetPtsMicros) {
    }

    private final VideoSource source;
    private final FrameSampler sampler;
    private final PairAssembler assembler;
    private final int imageSize;

    /**
     * Opens the source.
     *
     * @param spec what to read
     * @param imageSize the model's frame side in pixels
     * @param patchSize the model's patch side
     * @param sampleFps frames per second kept from the source
     * @param strideFrames sampled frames between the frames of a pair
     * @param contextFrames context frames per pair
     * @throws io.vjepastream.ingest.source.SourceException when the source cannot be opened
     */
    public OfflinePairs(SourceSpec spec, int imageSize, int patchSize, double sampleFps, int strideFrames,
                        int contextFrames) {
        this.imageSize = imageSize;
        this.sampler = new FrameSampler(sampleFps);
        this.assembler = new PairAssembler(spec.streamId(), spec.uri(), imageSize, patchSize, strideFrames,
                contextFrames);
        this.source = VideoSources.open(spec, imageSize, imageSize, OPEN_TIMEOUT, CaptureClock.system());
    }

    /** The ground truth of a synthetic source; empty for files and streams. */
    public Optional<SyntheticScene> scene() {
        return source instanceof SyntheticVideoSource synthetic ? Optional.of(synthetic.scene()) : Optional.empty();
    }

    /** The next pair, or null at the end of the source. */
    public Item next() {
        DecodedFrame frame;
        while ((frame = source.next()) != null) {
            if (!sampler.accept(frame.ptsMicros())) {
                continue;
            }
            FramePair pair = assembler.accept(frame);
            if (pair != null) {
                PairSample sample = new PairSample(FramePixels.rgb24(pair.getContext(), "context", imageSize),
                        FramePixels.rgb24(pair.getTarget(), "target", imageSize));
                Frame first = pair.getContext().get(0);
                return new Item(pair, sample, first.getPtsMicros(), frame.ptsMicros());
            }
        }
        return null;
    }

    @Override
    public void close() {
        source.close();
    }
}
