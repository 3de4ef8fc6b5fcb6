package io.vjepastream.ingest.source;

import io.vjepastream.ingest.time.CaptureClock;
import java.util.Objects;

/**
 * A deterministic clip generated in the JVM from a {@code synthetic:} source: moving, bouncing
 * objects (see {@link SyntheticScene}) at the requested resolution, with any planted anomalies the
 * settings ask for. It needs no file and no native code, so it is the sample that can always be
 * produced. Frame {@code n} has presentation time {@code n / fps} seconds; {@link #scene()} gives the
 * ground truth (object positions, anomaly frames) for any time.
 */
public final class SyntheticVideoSource implements VideoSource {
    private final SourceSpec spec;
    private final SyntheticSettings settings;
    private final SyntheticScene scene;
    private final int width;
    private final int height;
    private final CaptureClock clock;
    private long index;
    private boolean closed;

    /**
     * @param spec the {@code synthetic:} spec this clip was made for
     * @param settings length, rate, objects and seed
     * @param width frame width in pixels
     * @param height frame height in pixels
     * @param clock stamps each frame's capture time
     */
    SyntheticVideoSource(SourceSpec spec, SyntheticSettings settings, int width, int height, CaptureClock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scene = new SyntheticScene(width, height, settings);
        this.width = width;
        this.height = height;
    }

    /** The settings this clip was made from. */
    public SyntheticSettings settings() {
        return settings;
    }

    /** The scene the frames are drawn from. */
    public SyntheticScene scene() {
        return scene;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public boolean finite() {
        return !settings.endless();
    }

    @Override
    public DecodedFrame next() {
        if (closed) {
            throw new SourceException(spec.displayName() + ": read after close");
        }
        if (index >= settings.frameCount()) {
            return null;
        }
        double seconds = index / settings.fps();
        long pts = Math.round(index * 1_000_000.0 / settings.fps());
        index++;
        return new DecodedFrame(pts, clock.nowMicros(), width, height, scene.render(seconds));
    }

    @Override
    public void close() {
        closed = true;
    }
}
