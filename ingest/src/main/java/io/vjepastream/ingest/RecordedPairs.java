package io.vjepastream.ingest;

import io.vjepastream.ingest.pair.FrameSampler;
import io.vjepastream.ingest.pair.PairAssembler;
import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticVideoSource;
import io.vjepastream.ingest.source.VideoSource;
import io.vjepastream.ingest.source.VideoSources;
import io.vjepastream.ingest.time.CaptureClock;
import io.vjepastream.records.FramePair;
import java.time.Duration;
import java.util.Optional;

/**
 * The frame pairs of a recording (or any source), read in this thread without Kafka: ingest's own source,
 * sampler and pair assembler, so a pair here is exactly the pair the ingest service would publish. Offline
 * evaluation and {@code vjepa score} read recordings through this.
 */
public final class RecordedPairs implements AutoCloseable {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final VideoSource source;
    private final FrameSampler sampler;
    private final PairAssembler assembler;

    /**
     * Opens the source.
     *
     * @param imageSize the model's frame size in pixels
     * @param patchSize the model's patch size
     * @param contextFrames the model's context frames
     * @param sampleFps frames per second kept from the source
     * @param strideFrames sampled frames between the frames of a pair
     * @throws io.vjepastream.ingest.source.SourceException when the source cannot be opened
     */
    public RecordedPairs(SourceSpec spec, int imageSize, int patchSize, int contextFrames, double sampleFps,
                         int strideFrames) {
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
    public FramePair next() {
        DecodedFrame frame;
        while ((frame = source.next()) != null) {
            if (!sampler.accept(frame.ptsMicros())) {
                continue;
            }
            FramePair pair = assembler.accept(frame);
            if (pair != null) {
                return pair;
            }
        }
        return null;
    }

    @Override
    public void close() {
        source.close();
    }
}
