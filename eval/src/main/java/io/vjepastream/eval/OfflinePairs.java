package io.vjepastream.eval;

import io.vjepastream.ingest.RecordedPairs;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.model.FramePairDecoder;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import java.util.List;
import java.util.Optional;

/**
 * Frame pairs from any source without Kafka, as ingest cuts them ({@link RecordedPairs}), each with its
 * pixels as the model takes them.
 */
public final class OfflinePairs implements AutoCloseable {
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

    private final RecordedPairs pairs;
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
        this.pairs = new RecordedPairs(spec, model.imageSize(), model.patchSize(), model.contextFrames(), sampleFps,
                strideFrames);
    }

    /** The ground truth of a synthetic source; empty for files and streams. */
    public Optional<SyntheticScene> scene() {
        return pairs.scene();
    }

    /** The next pair, or null at the end of the source. */
    public Item next() {
        FramePair pair = pairs.next();
        if (pair == null) {
            return null;
        }
        List<Frame> target = pair.getTarget();
        return new Item(pair, FramePairDecoder.sample(pair, model), pair.getContext().get(0).getPtsMicros(),
                target.get(target.size() - 1).getPtsMicros());
    }

    @Override
    public void close() {
        pairs.close();
    }
}
