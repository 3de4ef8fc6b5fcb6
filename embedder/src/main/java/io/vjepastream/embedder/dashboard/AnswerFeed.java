package io.vjepastream.embedder.dashboard;

import io.vjepastream.embedder.AnswerListener;
import io.vjepastream.records.AnomalyEnergy;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FramePair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The recent answers of this embedder, kept for the dashboard: a bounded history of every stream's energy,
 * z-score and flag, and each stream's newest target frame with its per-patch energy. Answers arrive on the
 * stream threads and are read by the dashboard's connections; the oldest points go first when the history
 * is full.
 */
public final class AnswerFeed implements AnswerListener {
    /** Points kept by default: 8 streams of 10 pairs a second for about four minutes. */
    public static final int DEFAULT_CAPACITY = 20_000;

    /**
     * One answer.
     *
     * @param index this feed's running number of the answer, for {@link #since(long)}
     * @param seconds the pair's presentation time: its newest frame's, in seconds
     * @param captureMillis the wall-clock capture time of its newest frame, in milliseconds
     * @param answeredMillis when the embedder answered it, in milliseconds
     */
    public record Point(long index, String streamId, long sequence, double seconds, long captureMillis, long answeredMillis,
                 double energy, double zScore, boolean anomalous, String modelVersion) {
    }

    /** A stream's newest answered target frame and its per-patch energy. */
    record Newest(long index, Frame frame, List<Float> patchEnergy) {
    }

    private final int capacity;
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private final Map<String, Newest> newest = new TreeMap<>();
    private long next = 1;

    /** A feed keeping {@link #DEFAULT_CAPACITY} points. */
    public AnswerFeed() {
        this(DEFAULT_CAPACITY);
    }

    AnswerFeed(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void answered(FramePair pair, AnomalyEnergy energy, long answeredMillis) {
        long index = next++;
        List<Frame> target = pair.getTarget();
        Frame last = target.get(target.size() - 1);
        points.addLast(new Point(index, energy.getStreamId(), energy.getSequence(), energy.getPtsMicros() / 1e6,
                last.getCaptureTimeMicros() / 1000, answeredMillis, energy.getEnergy(), energy.getZScore(), energy.getAnomalous(),
                energy.getModelVersion()));
        if (points.size() > capacity) {
            points.removeFirst();
        }
        newest.put(energy.getStreamId(), new Newest(index, last, energy.getPatchEnergy()));
    }

    /** The points after answer {@code index} (0 for all that are kept), oldest first. */
    public synchronized List<Point> since(long index) {
        List<Point> out = new ArrayList<>();
        Iterator<Point> back = points.descendingIterator();
        while (back.hasNext()) {
            Point p = back.next();
            if (p.index() <= index) {
                break;
            }
            out.add(p);
        }
        Collections.reverse(out);
        return out;
    }

    /** Every stream's newest frame and patch energy, by stream id. */
    synchronized Map<String, Newest> newest() {
        return new TreeMap<>(newest);
    }

    /** The newest answered target frame of {@code streamId}. */
    synchronized Optional<Frame> newestFrame(String streamId) {
        Newest n = newest.get(streamId);
        return n == null ? Optional.empty() : Optional.of(n.frame());
    }
}
