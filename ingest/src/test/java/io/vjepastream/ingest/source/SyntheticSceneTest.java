package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.source.PlantedAnomaly;
import io.vjepastream.ingest.source.SyntheticScene.Event;
import io.vjepastream.ingest.source.SyntheticScene.ObjectState;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticSceneTest {
    private static final String ALL = "synthetic:?seconds=20&fps=10&objects=3&seed=5"
            + "&anomalies=teleport,vanish,colour&anomaly_every=2&vanish_seconds=0.5";

    private static SyntheticScene scene(String uri) {
        return new SyntheticScene(64, 64, SyntheticSettings.parse(uri));
    }

    @Test
    void parsesAnomalyOptions() {
        SyntheticSettings s = SyntheticSettings.parse(ALL);
        assertEquals(List.of(PlantedAnomaly.TELEPORT, PlantedAnomaly.VANISH, PlantedAnomaly.COLOUR), s.anomalies());
        assertEquals(2.0, s.anomalyEverySeconds());
        assertEquals(0.5, s.vanishSeconds());
        assertEquals(List.of(PlantedAnomaly.COLOUR), SyntheticSettings.parse("synthetic:anomalies=color").anomalies());
        assertTrue(SyntheticSettings.parse("synthetic:").anomalies().isEmpty(), "none by default");
        SourceException unknown = assertThrows(SourceException.class,
                () -> SyntheticSettings.parse("synthetic:?anomalies=teleport,explode"));
        assertTrue(unknown.getMessage().contains("explode") && unknown.getMessage().contains("teleport, vanish, colour"),
                unknown.getMessage());
        SourceException every = assertThrows(SourceException.class,
                () -> SyntheticSettings.parse("synthetic:?anomalies=vanish&anomaly_every=-1"));
        assertTrue(every.getMessage().contains("anomaly_every"), every.getMessage());
    }

    @Test
    void withoutAnomaliesTheSceneIsTheOldOne() {
        SyntheticScene plain = new SyntheticScene(64, 64, 3, 9);
        SyntheticScene viaSettings = scene("synthetic:?objects=3&seed=9");
        SyntheticScene withAnomalies = scene("synthetic:?objects=3&seed=9&anomalies=teleport&anomaly_every=5");
        for (double t = 0; t < 4.9; t += 0.7) {
            assertArrayEquals(plain.render(t), viaSettings.render(t), "t=" + t);
            // Anomalies never change the objects themselves: before the first one the clips agree.
            assertArrayEquals(plain.render(t), withAnomalies.render(t), "t=" + t);
        }
        assertTrue(plain.events(0, 1000).isEmpty());
    }

    @Test
    void anomaliesHappenAtKnownFramesInTurn() {
        List<Event> events = scene(ALL).events(0, 199);
        // Every 20 frames, kinds in turn; a vanish also breaks the rules when the object reappears 5 frames on.
        assertEquals(new Event(PlantedAnomaly.TELEPORT, events.get(0).object(), 20, 2.0), events.get(0));
        assertEquals(PlantedAnomaly.VANISH, events.get(1).kind());
        assertEquals(40, events.get(1).frame());
        assertEquals(45, events.get(2).frame());
        assertEquals(events.get(1).object(), events.get(2).object());
        assertEquals(PlantedAnomaly.COLOUR, events.get(3).kind());
        assertEquals(60, events.get(3).frame());
        assertEquals(9 + 3, events.size(), "9 anomalies in frames 0..199, three of them vanishes");
        assertEquals(events, scene(ALL).events(0, 199), "same settings, same anomalies");
    }

    @Test
    void eachKindBreaksTheMotionItClaims() {
        SyntheticScene scene = scene(ALL);
        double dt = 0.1;
        for (Event e : scene.events(0, 199)) {
            ObjectState before = scene.states(e.seconds() - dt).get(e.object());
            ObjectState at = scene.states(e.seconds()).get(e.object());
            double jump = Math.hypot(at.centreX() - before.centreX(), at.centreY() - before.centreY());
            double size = at.placement().size();
            switch (e.kind()) {
                case TELEPORT -> assertTrue(jump >= size, "teleport moved only " + jump + " px at " + e);
                case VANISH -> assertNotEquals(before.visible(), at.visible(), "visibility changes at " + e);
                case COLOUR -> assertNotEquals(before.placement().rgb(), at.placement().rgb(), "colour at " + e);
            }
        }
        ObjectState hidden = scene.states(4.2).get(scene.events(40, 40).get(0).object());
        assertFalse(hidden.visible(), "vanished between frames 40 and 44");
        assertEquals(2, scene.at(4.2).size(), "a vanished object is not drawn");
    }

    @Test
    void normalMotionIsContinuous() {
        SyntheticScene scene = scene(ALL);
        for (int frame = 1; frame < 200; frame++) {
            List<ObjectState> a = scene.states((frame - 1) / 10.0);
            List<ObjectState> b = scene.states(frame / 10.0);
            for (int i = 0; i < a.size(); i++) {
                int object = i;
                int f = frame;
                boolean teleported = scene.events(frame, frame).stream()
                        .anyMatch(e -> e.kind() == PlantedAnomaly.TELEPORT && e.object() == object);
                double step = Math.hypot(b.get(i).centreX() - a.get(i).centreX(), b.get(i).centreY() - a.get(i).centreY());
                if (!teleported) {
                    // Top speed is 0.6 of the side per second: at most 3.84 px per frame here.
                    assertTrue(step <= 64 * 0.6 / 10 + 1e-9, "object " + object + " jumped " + step + " px at frame " + f);
                }
            }
        }
    }

    @Test
    void pairLabelIsTheFirstEventBetweenItsFrames() {
        SyntheticScene scene = scene(ALL);
        // A pair with oldest context frame 16 and target frame 20 sees the teleport at 20.
        assertEquals(PlantedAnomaly.TELEPORT, scene.firstEventIn(1.6, 2.0).orElseThrow().kind());
        assertEquals(PlantedAnomaly.TELEPORT, scene.firstEventIn(1.9, 2.3).orElseThrow().kind());
        assertTrue(scene.firstEventIn(2.0, 2.4).isEmpty(), "a pair that starts at the jump sees steady motion");
        assertTrue(scene.firstEventIn(1.0, 1.4).isEmpty());
        assertEquals(PlantedAnomaly.APPEAR, scene.firstEventIn(4.1, 4.5).orElseThrow().kind(), "reappearance");
    }

    @Test
    void aStalledObjectStandsStillThenMovesOnAndAReversedOneRetracesItsPath() {
        SyntheticScene scene = scene("synthetic:?objects=3&seed=5&anomalies=stall,reverse&anomaly_every=2&vanish_seconds=0.5");
        SyntheticScene plain = scene("synthetic:?objects=3&seed=5");
        List<Event> events = scene.events(0, 59);
        assertEquals(List.of(PlantedAnomaly.STALL, PlantedAnomaly.STALL, PlantedAnomaly.REVERSE), events.subList(0, 3).stream()
                .map(Event::kind).toList(), "a stall starts at frame 20 and ends 5 frames on; a reversal at 40");
        assertEquals(List.of(20L, 25L, 40L), events.subList(0, 3).stream().map(Event::frame).toList());
        int stalled = events.get(0).object();
        double[] at19 = centre(scene, stalled, 1.9);
        for (int frame = 20; frame <= 24; frame++) {
            assertArrayEquals(at19, centre(scene, stalled, frame / 10.0), 1e-9, "still at frame " + frame);
        }
        assertArrayEquals(centre(plain, stalled, 2.0), centre(scene, stalled, 2.5), 1e-9,
                "after the stall it moves on from where it stopped, five frames late");
        int reversed = events.get(2).object();
        double lateBy = reversed == stalled ? 0.5 : 0;
        for (int frame = 40; frame <= 45; frame++) {
            double back = (2 * 39 - frame) / 10.0 - lateBy;
            assertArrayEquals(centre(plain, reversed, back), centre(scene, reversed, frame / 10.0), 1e-9,
                    "frame " + frame + " retraces frame " + Math.round(back * 10));
        }
        assertTrue(Math.hypot(centre(scene, reversed, 4.0)[0] - centre(scene, reversed, 3.9)[0],
                centre(scene, reversed, 4.0)[1] - centre(scene, reversed, 3.9)[1]) > 1,
                "a reversed object keeps its speed");
    }

    private static double[] centre(SyntheticScene scene, int object, double seconds) {
        ObjectState s = scene.states(seconds).get(object);
        return new double[] {s.centreX(), s.centreY()};
    }
}
