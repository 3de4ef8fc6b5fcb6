package io.vjepastream.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The world of a synthetic clip: coloured squares and discs on a dark background, each moving at a
 * constant velocity and bouncing off the walls, with optional planted anomalies that break those
 * rules at known frames. Positions are computed in closed form from the time, so frame {@code n} is
 * the same whichever frames were rendered before it, and the same settings always give the same clip.
 *
 * <p>Anomalies (see {@link SyntheticSettings}): a {@link PlantedAnomaly#TELEPORT} moves one object to
 * another place, where it goes on moving; a {@link PlantedAnomaly#VANISH} hides one object for a while (it
 * reappears, an {@link PlantedAnomaly#APPEAR} event, where it would have been); a {@link PlantedAnomaly#COLOUR}
 * change gives one object the opposite hue for the rest of the clip; a {@link PlantedAnomaly#STALL} stops
 * one object dead in mid-flight for a while, after which it moves on; a {@link PlantedAnomaly#REVERSE}
 * flips one object's velocity with no wall to bounce off. Each happens exactly at a frame time; so
 * do a reappearance and the end of a stall. Stalls and reversals change the picture no more than
 * normal motion does, so only a model that expects the motion can tell them from it.
 *
 * <p>Not thread-safe: planted anomalies are worked out when first needed and kept (one small record
 * per {@code anomaly_every} seconds of clip), so one thread uses a scene.
 */
public final class SyntheticScene {
    /** The shape an object is drawn as. */
    public enum Shape { SQUARE, DISC }

    /**
     * Where an object is at one instant: its bounding box, top-left corner and side in pixels.
     *
     * @param shape square or disc
     * @param x left edge in pixels
     * @param y top edge in pixels
     * @param size side of the bounding box in pixels
     * @param rgb colour as 0xRRGGBB
     */
    public record Placement(Shape shape, double x, double y, double size, int rgb) {
    }

    /**
     * The ground truth of one object at one instant, visible or not.
     *
     * @param index the object's number, 0 first
     * @param placement where it is and how it looks
     * @param visible false while it has vanished
     */
    public record ObjectState(int index, Placement placement, boolean visible) {
        /** Centre x in pixels. */
        public double centreX() {
            return placement.x() + placement.size() / 2;
        }

        /** Centre y in pixels. */
        public double centreY() {
            return placement.y() + placement.size() / 2;
        }
    }

    /**
     * One moment at which the scene breaks its rules: an anomaly starts, or a vanished object reappears.
     *
     * @param kind the anomaly: {@link PlantedAnomaly#APPEAR} for the end of a vanishing, {@link PlantedAnomaly#STALL}
     *     for both the start and the end of a stall
     * @param object the object it happens to
     * @param frame the frame index (at the clip's frame rate) at which it is first visible
     * @param seconds that frame's time
     */
    public record Event(PlantedAnomaly kind, int object, long frame, double seconds) {
    }

    /** One planted anomaly: its kind, object, frames, and for a teleport the jump in unfolded coordinates. */
    private record Planted(PlantedAnomaly kind, int object, long frame, long endFrame, double dx, double dy) {
    }

    private static final double EPSILON = 1e-6;

    private final int width;
    private final int height;
    private final List<Mover> movers;
    private final SyntheticSettings settings;
    private final long everyFrames;
    private final List<Planted> planted = new ArrayList<>();

    /**
     * A scene without anomalies.
     *
     * @param width frame width in pixels
     * @param height frame height in pixels
     * @param objects how many objects move in the scene
     * @param seed fixes every random choice
     */
    public SyntheticScene(int width, int height, int objects, long seed) {
        this(width, height, new SyntheticSettings(0, 10, objects, seed));
    }

    /**
     * A scene with the objects, seed, frame rate and planted anomalies of {@code settings}.
     *
     * @param width frame width in pixels
     * @param height frame height in pixels
     * @param settings objects, seed, frame rate and anomalies
     */
    public SyntheticScene(int width, int height, SyntheticSettings settings) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("synthetic frame size must be positive but is " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.settings = settings;
        this.everyFrames = Math.max(1, Math.round(settings.anomalyEverySeconds() * settings.fps()));
        this.movers = Mover.all(width, height, settings);
    }

    /** Where every visible object is at time {@code seconds}, in drawing order. */
    public List<Placement> at(double seconds) {
        List<Placement> out = new ArrayList<>(movers.size());
        for (ObjectState s : states(seconds)) {
            if (s.visible()) {
                out.add(s.placement());
            }
        }
        return out;
    }

    /** Every object at time {@code seconds}, visible or not, in drawing order. */
    public List<ObjectState> states(double seconds) {
        double frame = seconds * settings.fps() + EPSILON;
        int n = movers.size();
        double[] dx = new double[n];
        double[] dy = new double[n];
        boolean[] hidden = new boolean[n];
        boolean[] flipped = new boolean[n];
        List<Planted> upTo = plantedUpTo(frame);
        for (Planted p : upTo) {
            switch (p.kind()) {
                case TELEPORT -> {
                    dx[p.object()] += p.dx();
                    dy[p.object()] += p.dy();
                }
                case VANISH -> hidden[p.object()] |= frame < p.endFrame();
                case COLOUR -> flipped[p.object()] = !flipped[p.object()];
                case STALL, REVERSE, APPEAR -> {
                    // the object's own clock, below
                }
            }
        }
        List<ObjectState> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double own = ownTime(upTo, i, seconds);
            out.add(new ObjectState(i, place(movers.get(i), own, dx[i], dy[i], flipped[i]), !hidden[i]));
        }
        return out;
    }

    /**
     * The time an object's motion has reached at {@code seconds}: the clock runs backwards after each
     * reversal and stands still during a stall. The clock changes one frame before the anomaly's frame,
     * so that its frame is the first to show it (a stalled object shows the previous frame's place).
     */
    private double ownTime(List<Planted> planted, int object, double seconds) {
        double at = 0;
        double own = 0;
        double direction = 1;
        for (Planted p : planted) {
            if (p.object() != object || p.kind() != PlantedAnomaly.STALL && p.kind() != PlantedAnomaly.REVERSE) {
                continue;
            }
            double start = (p.frame() - 1) / settings.fps();
            if (start > seconds) {
                break;
            }
            own += direction * (start - at);
            at = start;
            if (p.kind() == PlantedAnomaly.REVERSE) {
                direction = -direction;
                continue;
            }
            double end = (p.endFrame() - 1) / settings.fps();
            if (seconds < end) {
                return own;
            }
            at = end;
        }
        return own + direction * (seconds - at);
    }

    private Placement place(Mover m, double seconds, double dx, double dy, boolean flipped) {
        return m.place(seconds, dx, dy, flipped, width, height);
    }

    /** The rule breaks at frames {@code first..last} (inclusive), in time order. */
    public List<Event> events(long first, long last) {
        List<Event> out = new ArrayList<>();
        for (Planted p : plantedUpTo(last + EPSILON)) {
            addIfWithin(out, p.kind(), p.object(), p.frame(), first, last);
            if (p.kind() == PlantedAnomaly.VANISH) {
                addIfWithin(out, PlantedAnomaly.APPEAR, p.object(), p.endFrame(), first, last);
            } else if (p.kind() == PlantedAnomaly.STALL) {
                addIfWithin(out, PlantedAnomaly.STALL, p.object(), p.endFrame(), first, last);
            }
        }
        out.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        return out;
    }

    /**
     * The first rule break after {@code fromSeconds} and up to and including {@code toSeconds}: the
     * label of a pair whose oldest context frame is at {@code fromSeconds} and whose target frame is at
     * {@code toSeconds}, since such a break shows between its frames.
     */
    public Optional<Event> firstEventIn(double fromSeconds, double toSeconds) {
        long first = (long) Math.floor(fromSeconds * settings.fps() + EPSILON) + 1;
        long last = (long) Math.floor(toSeconds * settings.fps() + EPSILON);
        if (last < first) {
            return Optional.empty();
        }
        return events(first, last).stream().findFirst();
    }

    private void addIfWithin(List<Event> out, PlantedAnomaly kind, int object, long frame, long first, long last) {
        if (frame >= first && frame <= last) {
            out.add(new Event(kind, object, frame, frame / settings.fps()));
        }
    }

    /** The planted anomalies that start at or before {@code frame}, made as needed and kept. */
    private List<Planted> plantedUpTo(double frame) {
        if (settings.anomalies().isEmpty()) {
            return List.of();
        }
        long count = (long) Math.floor(frame / everyFrames);
        while (planted.size() < count) {
            planted.add(plant(planted.size() + 1));
        }
        return planted.subList(0, (int) Math.min(count, planted.size()));
    }

    private Planted plant(long k) {
        List<PlantedAnomaly> kinds = settings.anomalies();
        PlantedAnomaly kind = kinds.get((int) ((k - 1) % kinds.size()));
        // Each anomaly has its own random stream, so adding anomalies never changes the objects.
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + k);
        int object = random.nextInt(movers.size());
        long frame = k * everyFrames;
        long end = frame + Math.max(1, Math.round(settings.vanishSeconds() * settings.fps()));
        if (kind != PlantedAnomaly.TELEPORT) {
            return new Planted(kind, object, frame, end, 0, 0);
        }
        Mover m = movers.get(object);
        double seconds = frame / settings.fps();
        Placement before = states(seconds - 0.5 / settings.fps()).get(object).placement();
        double own = ownTime(planted, object, seconds);
        double rangeX = Math.max(1, width - m.size());
        double rangeY = Math.max(1, height - m.size());
        double dx = 0;
        double dy = 0;
        // Jump by at least the object's size, so the teleport is a visible break, not a wobble.
        for (int attempt = 0; attempt < 16; attempt++) {
            dx = (0.3 + 0.4 * random.nextDouble()) * 2 * rangeX * (random.nextBoolean() ? 1 : -1);
            dy = (0.3 + 0.4 * random.nextDouble()) * 2 * rangeY * (random.nextBoolean() ? 1 : -1);
            double[] offset = offsetBefore(object, k);
            Placement after = place(m, own, offset[0] + dx, offset[1] + dy, false);
            Placement expected = place(m, own, offset[0], offset[1], false);
            if (Math.hypot(after.x() - expected.x(), after.y() - expected.y()) >= m.size()
                    && Math.hypot(after.x() - before.x(), after.y() - before.y()) >= m.size()) {
                break;
            }
        }
        return new Planted(kind, object, frame, end, dx, dy);
    }

    /** The summed teleport jumps of one object from the anomalies before the {@code k}th. */
    private double[] offsetBefore(int object, long k) {
        double[] sum = new double[2];
        for (Planted p : planted.subList(0, (int) k - 1)) {
            if (p.object() == object) {
                sum[0] += p.dx();
                sum[1] += p.dy();
            }
        }
        return sum;
    }

    /** The frame at time {@code seconds} as packed RGB24. */
    public byte[] render(double seconds) {
        return SceneCanvas.paint(width, height, at(seconds));
    }
}
