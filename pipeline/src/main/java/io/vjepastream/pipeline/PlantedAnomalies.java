package io.vjepastream.pipeline;

import io.vjepastream.embedder.dashboard.AnswerFeed;
import io.vjepastream.ingest.IngestConfig;
import io.vjepastream.ingest.source.PlantedAnomaly;
import io.vjepastream.ingest.source.SourceSpec;
import io.vjepastream.ingest.source.SyntheticScene;
import io.vjepastream.ingest.source.SyntheticSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the embedder's flag made of the anomalies planted in a synthetic stream, from the scene's ground truth:
 * how many planted events a flagged pair showed, by kind, and how many normal pairs were flagged too. A pair
 * shows an event when it happens between its oldest context frame and its target frame.
 */
final class PlantedAnomalies {
    private PlantedAnomalies() {
    }

    /** One summary line per synthetic stream with planted anomalies, over {@code answers} (oldest first). */
    static List<String> lines(List<SourceSpec> sources, IngestConfig ingest, List<AnswerFeed.Point> answers) {
        List<String> lines = new ArrayList<>();
        for (SourceSpec spec : sources) {
            if (!spec.synthetic()) {
                continue;
            }
            SyntheticSettings settings = SyntheticSettings.parse(spec.uri());
            if (!settings.anomalies().isEmpty()) {
                lines.add(line(spec.streamId(), new SyntheticScene(ingest.imageSize(), ingest.imageSize(), settings),
                        ingest.contextFrames() * ingest.strideFrames() / ingest.sampleFps(),
                        answers.stream().filter(p -> p.streamId().equals(spec.streamId())).toList()));
            }
        }
        return lines;
    }

    private static String line(String streamId, SyntheticScene scene, double window, List<AnswerFeed.Point> answers) {
        Map<Long, SyntheticScene.Event> shown = new LinkedHashMap<>();
        Set<Long> flagged = new HashSet<>();
        long normal = 0;
        long normalFlagged = 0;
        for (AnswerFeed.Point p : answers) {
            Optional<SyntheticScene.Event> event = scene.firstEventIn(p.seconds() - window, p.seconds());
            if (event.isPresent()) {
                shown.putIfAbsent(event.get().frame(), event.get());
                if (p.anomalous()) {
                    flagged.add(event.get().frame());
                }
            } else {
                normal++;
                normalFlagged += p.anomalous() ? 1 : 0;
            }
        }
        StringBuilder byKind = new StringBuilder();
        for (PlantedAnomaly kind : PlantedAnomaly.values()) {
            long of = shown.values().stream().filter(e -> e.kind() == kind).count();
            long hit = shown.values().stream().filter(e -> e.kind() == kind && flagged.contains(e.frame())).count();
            if (of > 0) {
                byKind.append(byKind.length() == 0 ? "" : ", ").append(kind.label()).append(' ').append(hit)
                        .append('/').append(of);
            }
        }
        return String.format(Locale.ROOT, "  planted   %s: %d of %d planted events flagged (%s); %d of %d normal pairs"
                        + " flagged (%.1f%%)", streamId, flagged.size(), shown.size(), byKind, normalFlagged, normal,
                normal == 0 ? 0.0 : 100.0 * normalFlagged / normal);
    }
}
