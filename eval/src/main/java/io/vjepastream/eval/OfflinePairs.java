package io.vjepastream.eval;

import io.vjepastream.ingest.pair.FrameSampler;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticVideoSource;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.source.VideoSources;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.model.FramePairDecoder;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
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
    private final JepaConfig model;

    /**
     * Opens the source.
     *
     * @param spec what to read
     * @param model the model the pairs are for: its frame size, patch size and context frames
     * @param sampleFps frames per second kept from the source
     * @param strideFrames sampled frames between the frames of a pair
     * @throws io.vjepastream.ingest.source.SourceException when the source cannot be opened
     */
    public OfflinePairs(SourceSpec spec, JepaConfig model, double sampleFps, int strideFrames) {
        this.model = model;
        this.sampler = new FrameSampler(sampleFps);
        this.assembler = new PairAssembler(spec.streamId(), spec.uri(), model.imageSize(), model.patchSize(),
                strideFrames, model.contextFrames());
        this.source = VideoSources.open(spec, model.imageSize(), model.imageSize(), OPEN_TIMEOUT, CaptureClock.system());
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
                PairSample sample = FramePairDecoder.sample(pair, model);
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
