package io.vjepastream.eval;

import io.vjepastream.ingest.source.PlantedAnomaly;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticScene.ObjectState;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.PairSample;
import io.vjepastream.records.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads synthetic clips into memory as the evaluation needs them: plain pairs to train on, and
 * pairs labelled with their planted anomaly and the object positions to test on. Pairs are cut as
 * the ingest service cuts them (see {@link OfflinePairs}).
 */
public final class SyntheticData {
    private final JepaConfig model;
    private final double sampleFps;
    private final int strideFrames;

    /**
     * @param model the model the pairs are for (frame size, patch, context frames)
     * @param sampleFps frames per second kept
     * @param strideFrames sampled frames between a pair's frames
     */
    public SyntheticData(JepaConfig model, double sampleFps, int strideFrames) {
        this.model = model;
        this.sampleFps = sampleFps;
        this.strideFrames = strideFrames;
    }

    /** Every pair of one source, in order. */
    public List<PairSample> samples(String uri) {
        List<PairSample> out = new ArrayList<>();
        try (OfflinePairs pairs = open(uri)) {
            for (OfflinePairs.Item item = pairs.next(); item != null; item = pairs.next()) {
                out.add(item.sample());
            }
        }
        return out;
    }

    /**
     * Every pair of a synthetic source with its ground truth, in order.
     *
     * @throws IllegalArgumentException when the URI is not a synthetic source
     */
    public List<LabelledPair> labelled(String uri) {
        List<LabelledPair> out = new ArrayList<>();
        try (OfflinePairs pairs = open(uri)) {
            SyntheticScene scene = pairs.scene().orElseThrow(
                    () -> new IllegalArgumentException(uri + " is not a synthetic: source; ground truth needs one"));
            for (OfflinePairs.Item item = pairs.next(); item != null; item = pairs.next()) {
                List<Frame> context = item.record().getContext();
                double first = item.firstPtsMicros() / 1e6;
                double newest = context.get(context.size() - 1).getPtsMicros() / 1e6;
                double target = item.targetPtsMicros() / 1e6;
                PlantedAnomaly kind = scene.firstEventIn(newest, target).map(SyntheticScene.Event::kind).orElse(null);
                boolean inContext = scene.firstEventIn(first, newest).isPresent();
                out.add(new LabelledPair(item.sample(), target, kind, inContext, positions(scene, target),
                        displacement(scene.states(newest), scene.states(target))));
            }
        }
        return out;
    }

    private static double displacement(List<ObjectState> from, List<ObjectState> to) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < from.size(); i++) {
            if (from.get(i).visible() && to.get(i).visible()) {
                sum += Math.hypot(to.get(i).centreX() - from.get(i).centreX(), to.get(i).centreY() - from.get(i).centreY());
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private double[] positions(SyntheticScene scene, double seconds) {
        List<ObjectState> states = scene.states(seconds);
        double[] out = new double[states.size() * 2];
        for (int i = 0; i < states.size(); i++) {
            out[2 * i] = states.get(i).centreX() / model.imageSize();
            out[2 * i + 1] = states.get(i).centreY() / model.imageSize();
        }
        return out;
    }

    private OfflinePairs open(String uri) {
        return new OfflinePairs(SourceSpec.parse(uri), model, sampleFps, strideFrames);
    }
}
