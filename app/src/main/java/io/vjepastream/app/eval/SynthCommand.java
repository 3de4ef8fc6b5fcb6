package io.vjepastream.app.eval;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjepastream.eval.ClipWriter;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticSettings;
import io.vjepastream.model.JepaConfig;
import io.vjepastream.schemas.json.Json;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vjepa synth}: writes a synthetic scene with ground truth as a video plus a labels file of
 * JSON lines, one per frame: frame index, pts, every object's box, centre and visibility, and the
 * anomaly that first shows in that frame (or {@code none}).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  bin/vjepa synth --out clip --seconds 30 --anomalies teleport,stall --anomaly-every 3"}, sortOptions = false,
        description = {"Write a synthetic clip with planted anomalies and its labels.",
            "Objects with known positions every frame, as DIR/synthetic.mp4 plus DIR/labels.jsonl"
                + " (one JSON object per frame)."})
public final class SynthCommand implements Callable<Integer> {
    /** The video's file name inside the output directory. */
    public static final String VIDEO = "synthetic.mp4";
    /** The labels' file name inside the output directory. */
    public static final String LABELS = "labels.jsonl";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into (created).")
    private Path out;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "Length. Default: ${DEFAULT-VALUE}.")
    private double seconds;

    @Option(names = "--fps", defaultValue = "10", description = "Frames per second. Default: ${DEFAULT-VALUE}.")
    private double fps;

    @Option(names = "--objects", paramLabel = "N", defaultValue = "3", description = "Moving objects. Default: ${DEFAULT-VALUE}.")
    private int objects;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--size", paramLabel = "PX", description = "Frame side in pixels. Default: the model's (64).")
    private int size = JepaConfig.defaults().imageSize();

    @Option(names = "--anomalies", paramLabel = "KINDS", defaultValue = "teleport,vanish,colour",
            description = {"Planted anomalies, comma-separated: teleport, vanish, colour, stall, reverse, or none;"
                + " the frame where a vanished object returns is labelled 'appear'. Default: ${DEFAULT-VALUE}."})
    private String anomalies;

    @Option(names = "--anomaly-every", paramLabel = "S", defaultValue = "4",
            description = "Seconds between anomalies. Default: ${DEFAULT-VALUE}.")
    private double anomalyEvery;

    @Option(names = "--vanish-seconds", paramLabel = "S", defaultValue = "1",
            description = "How long a vanished object stays away, and a stalled one still. Default: ${DEFAULT-VALUE}.")
    private double vanishSeconds;

    @Option(names = "--codec", defaultValue = "mpeg4", description = "mpeg4 or libopenh264. Default: ${DEFAULT-VALUE}.")
    private String codec;

    /** Creates the command; picocli fills in its options. */
    public SynthCommand() {
    }

    @Override
    public Integer call() throws Exception {
        String uri = String.format(Locale.ROOT,
                "synthetic:?seconds=%s&fps=%s&objects=%d&seed=%d&anomalies=%s&anomaly_every=%s&vanish_seconds=%s",
                number(seconds), number(fps), objects, seed, anomalies.isBlank() ? "none" : anomalies.strip(),
                number(anomalyEvery), number(vanishSeconds));
        SyntheticSettings settings = SyntheticSettings.parse(uri);
        if (settings.endless()) {
            throw new IllegalArgumentException("--seconds must be > 0 for a file");
        }
        SyntheticScene scene = new SyntheticScene(size, size, settings);
        Files.createDirectories(out);
        Path video = out.resolve(VIDEO);
        Path labels = out.resolve(LABELS);
        ObjectWriter json = Json.lineWriter();
        long frames = settings.frameCount();
        int anomalous = 0;
        try (ClipWriter writer = new ClipWriter(video, size, size, fps, codec);
             BufferedWriter lines = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
            for (long n = 0; n < frames; n++) {
                double t = n / fps;
                writer.write(scene.render(t));
                List<SyntheticScene.Event> events = scene.events(n, n);
                anomalous += events.isEmpty() ? 0 : 1;
                lines.write(json.writeValueAsString(label(scene, n, t, events)));
                lines.write('\n');
            }
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "wrote %d frames (%dx%d, %s fps, %d with an anomaly) to %s and %s%n", frames, size,
                size, number(fps), anomalous, video, labels);
        console.println("same scene as a source: " + uri);
        return 0;
    }

    private static ObjectNode label(SyntheticScene scene, long frame, double seconds,
                                     List<SyntheticScene.Event> events) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("frame", frame);
        line.put("pts_micros", Math.round(seconds * 1_000_000));
        line.put("anomaly", events.isEmpty() ? "none"
                : events.stream().map(e -> e.kind().label()).distinct().collect(Collectors.joining("+")));
        List<Integer> affected = new ArrayList<>();
        events.forEach(e -> affected.add(e.object()));
        ArrayNode anomalyObjects = line.putArray("anomaly_objects");
        affected.forEach(anomalyObjects::add);
        ArrayNode list = line.putArray("objects");
        for (SyntheticScene.ObjectState s : scene.states(seconds)) {
            ObjectNode o = list.addObject();
            o.put("id", s.index());
            o.put("shape", s.placement().shape().name().toLowerCase(Locale.ROOT));
            o.put("x", round(s.placement().x()));
            o.put("y", round(s.placement().y()));
            o.put("size", round(s.placement().size()));
            o.put("cx", round(s.centreX()));
            o.put("cy", round(s.centreY()));
            o.put("rgb", String.format(Locale.ROOT, "#%06x", s.placement().rgb()));
            o.put("visible", s.visible());
        }
        return line;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
