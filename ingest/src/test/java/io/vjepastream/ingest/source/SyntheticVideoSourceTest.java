package io.vjepastream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.ingest.time.CaptureClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticVideoSourceTest {
    private static List<DecodedFrame> frames(String uri, int size) {
        SourceSpec spec = SourceSpec.parse(uri);
        List<DecodedFrame> out = new ArrayList<>();
        try (VideoSource source = new SyntheticVideoSource(spec, SyntheticSettings.parse(spec.uri()), size, size,
                CaptureClock.system())) {
            DecodedFrame f;
            while ((f = source.next()) != null) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void sameSeedSameClipOtherSeedOtherClip() {
        List<DecodedFrame> a = frames("synthetic:?seconds=2&fps=10&objects=3&seed=7", 64);
        List<DecodedFrame> b = frames("synthetic:?seconds=2&fps=10&objects=3&seed=7", 64);
        List<DecodedFrame> c = frames("synthetic:?seconds=2&fps=10&objects=3&seed=8", 64);
        assertEquals(20, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).rgb(), b.get(i).rgb(), "frame " + i);
            assertEquals(a.get(i).ptsMicros(), b.get(i).ptsMicros());
        }
        assertFalse(Arrays.equals(a.get(0).rgb(), c.get(0).rgb()), "another seed draws another scene");
    }

    @Test
    void framesHaveModelSizeAndEvenTimestamps() {
        List<DecodedFrame> frames = frames("synthetic:?seconds=1.5&fps=4", 32);
        assertEquals(6, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(32 * 32 * 3, frames.get(i).rgb().length);
            assertEquals(i * 250_000L, frames.get(i).ptsMicros());
        }
    }

    @Test
    void objectsMoveAndStayInsideTheFrame() {
        SyntheticScene scene = new SyntheticScene(64, 64, 5, 3);
        List<SyntheticScene.Placement> start = scene.at(0);
        List<SyntheticScene.Placement> later = scene.at(0.5);
        for (int i = 0; i < start.size(); i++) {
            double moved = Math.hypot(later.get(i).x() - start.get(i).x(), later.get(i).y() - start.get(i).y());
            assertTrue(moved > 1, "object " + i + " moved only " + moved + " px in 0.5 s");
        }
        // Long enough for every object to hit walls many times.
        for (double t = 0; t < 60; t += 0.1) {
            for (SyntheticScene.Placement p : scene.at(t)) {
                assertTrue(p.x() >= 0 && p.x() + p.size() <= 64 + 1e-9, "x " + p.x() + " at t=" + t);
                assertTrue(p.y() >= 0 && p.y() + p.size() <= 64 + 1e-9, "y " + p.y() + " at t=" + t);
            }
        }
        assertFalse(Arrays.equals(scene.render(0), scene.render(0.5)), "rendered frames change as objects move");
    }

    @Test
    void objectsAreBrightOnADarkBackground() {
        byte[] frame = new SyntheticScene(64, 64, 3, 1).render(1.0);
        int bright = 0;
        int dark = 0;
        for (int i = 0; i < frame.length; i += 3) {
            int max = Math.max(frame[i] & 0xFF, Math.max(frame[i + 1] & 0xFF, frame[i + 2] & 0xFF));
            if (max > 150) {
                bright++;
            } else if (max < 50) {
                dark++;
            }
        }
        assertTrue(bright > 30, "objects cover some pixels: " + bright);
        assertTrue(dark > 64 * 64 / 2, "most of the frame is background: " + dark);
    }

    @Test
    void defaultsAndEndlessClips() {
        SyntheticSettings d = SyntheticSettings.parse("synthetic:");
        assertEquals(SyntheticSettings.defaults(), d);
        assertEquals(600, d.frameCount());
        SyntheticSettings endless = SyntheticSettings.parse("synthetic:seconds=0");
        assertTrue(endless.endless());
        SourceSpec spec = SourceSpec.parse("synthetic:?seconds=0");
        try (VideoSource source = new SyntheticVideoSource(spec, endless, 8, 8, CaptureClock.system())) {
            assertFalse(source.finite());
            assertTrue(source.next() != null);
        }
    }

    @Test
    void badParametersNameTheKey() {
        SourceException e = assertThrows(SourceException.class, () -> SyntheticSettings.parse("synthetic:?fps=-1"));
        assertTrue(e.getMessage().contains("fps = -1.0"), e.getMessage());
        e = assertThrows(SourceException.class, () -> SyntheticSettings.parse("synthetic:?objects=many"));
        assertTrue(e.getMessage().contains("objects = 'many' is not an integer"), e.getMessage());
    }

    @Test
    void readingAfterTheEndReturnsNullAndAfterCloseFails() {
        SourceSpec spec = SourceSpec.parse("synthetic:?seconds=0.2&fps=10");
        SyntheticVideoSource source = new SyntheticVideoSource(spec, SyntheticSettings.parse(spec.uri()), 8, 8,
                CaptureClock.system());
        assertTrue(source.next() != null);
        assertTrue(source.next() != null);
        assertNull(source.next());
        source.close();
        assertThrows(SourceException.class, source::next);
    }
}
