package io.vjepastream.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.trainer.CheckpointStore;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {
    private static final JepaConfig SMALL = JepaConfig.builder().encoderWidth(32).encoderDepth(1).encoderHeads(2)
            .predictorWidth(16).predictorDepth(1).predictorHeads(2).build();

    @TempDir
    Path dir;
    private Path checkpoints;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void twoCheckpoints() throws Exception {
        checkpoints = dir.resolve("checkpoints");
        CheckpointStore store = new CheckpointStore(checkpoints, 3);
        store.open();
        try (JepaTrainer trainer = new JepaTrainer(SMALL)) {
            store.write(1, Map.of(), trainer::save);
            store.write(2, Map.of(), trainer::save);
        }
    }

    private int score(String source, Path csv, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--checkpoints", checkpoints.toString(), "--source", source,
                "--out", csv.toString()));
        args.addAll(List.of(more));
        return new CommandLine(new ScoreCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    @Test
    void scoresTheContextEitherWayAndRefusesAnUnknownEncoder() throws Exception {
        assertEquals(0, score("synthetic:?seconds=1", dir.resolve("a.csv"), "--context-encoder", "as_trained"),
                err.toString());
        assertEquals(1 + 10 - 4, Files.readAllLines(dir.resolve("a.csv")).size());
        assertEquals(2, score("synthetic:?seconds=1", dir.resolve("b.csv"), "--context-encoder", "online"));
        assertTrue(err.toString().contains("'--context-encoder': 'online' must be one of as_trained, target"), err.toString());
    }

    @Test
    void measuresTheEnergyEitherWay() throws Exception {
        assertEquals(0, score("synthetic:?seconds=1", dir.resolve("s.csv")), err.toString());
        assertEquals(0, score("synthetic:?seconds=1", dir.resolve("d.csv"), "--energy-measure", "training_distance"),
                err.toString());
        List<String> standardised = Files.readAllLines(dir.resolve("s.csv"));
        List<String> distance = Files.readAllLines(dir.resolve("d.csv"));
        assertEquals(standardised.size(), distance.size());
        assertNotEquals(standardised.get(1), distance.get(1), "the two measures give different energies");
        assertEquals(2, score("synthetic:?seconds=1", dir.resolve("e.csv"), "--energy-measure", "l1"));
        assertTrue(err.toString().contains("'--energy-measure': 'l1' must be one of standardised, training_distance"),
                err.toString());
    }

    @Test
    void writesOneRowPerPairAndAPlot() throws Exception {
        Path csv = dir.resolve("out/energy.csv");
        assertEquals(0, score("clip=synthetic:?seconds=3", csv), err.toString());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("stream_id,sequence,pts_micros,energy,z_score,anomalous,peak_patch_row,peak_patch_col", rows.get(0));
        assertEquals(1 + 30 - 4, rows.size(), "30 frames give 26 pairs");
        assertTrue(rows.get(1).startsWith("clip,0,400000,"), "the first pair's target is frame 4: " + rows.get(1));
        int grid = SMALL.gridSize();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double energy = Double.parseDouble(f[3]);
            assertTrue(Double.isFinite(energy) && energy >= 0, row);
            assertTrue(Double.isFinite(Double.parseDouble(f[4])), row);
            assertTrue(Integer.parseInt(f[6]) < grid && Integer.parseInt(f[7]) < grid, "a grid position: " + row);
        }
        assertTrue(rows.get(1).contains(",0.0000,false,"), "the first pair has no z-score yet: " + rows.get(1));
        BufferedImage png = ImageIO.read(dir.resolve("out/energy.png").toFile());
        assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
        assertTrue(out.toString().contains("step-0000000002"), out.toString());
    }

    @Test
    void flagsAsTheEmbedderWouldWithItsSettings() throws Exception {
        Path csv = dir.resolve("flags.csv");
        assertEquals(0, score("synthetic:?seconds=6&anomalies=teleport&anomaly_every=1.5", csv, "--anomaly-threshold", "0.5",
                "--z-score-warmup", "3"), err.toString());
        List<String> rows = Files.readAllLines(csv).subList(1, 1 + 6 * 10 - 4);
        int flagged = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            boolean expected = i >= 3 && Double.parseDouble(f[4]) >= 0.5;
            assertEquals(expected, Boolean.parseBoolean(f[5]), "flag of " + rows.get(i));
            flagged += expected ? 1 : 0;
        }
        assertTrue(flagged > 0, "some pairs reach a z-score of 0.5");
    }

    @Test
    void takesTheCheckpointItIsTold() throws Exception {
        assertEquals(0, score("synthetic:?seconds=1", dir.resolve("one.csv"), "--checkpoint", "1"), err.toString());
        assertTrue(out.toString().contains("step-0000000001"), out.toString());

        assertEquals(1, score("synthetic:?seconds=1", dir.resolve("best.csv"), "--checkpoint", "best"));
        assertTrue(err.toString().contains("no checkpoint is marked best in"), err.toString());
        new CheckpointStore(checkpoints, 3).markBest(checkpoints.resolve("step-0000000001"));
        out.getBuffer().setLength(0);
        assertEquals(0, score("synthetic:?seconds=1", dir.resolve("best.csv"), "--checkpoint", "best"), err.toString());
        assertTrue(out.toString().contains("step-0000000001"), out.toString());

        assertEquals(1, score("synthetic:?seconds=1", dir.resolve("seven.csv"), "--checkpoint", "7"));
        assertTrue(err.toString().contains("no checkpoint of step 7") && err.toString().contains("[1, 2]"), err.toString());
        assertEquals(1, score("synthetic:?seconds=1", dir.resolve("x.csv"), "--checkpoint", "latest"));
        assertTrue(err.toString().contains("--checkpoint must be newest, best or a step number, got 'latest'"),
                err.toString());
    }

    @Test
    void skipsACheckpointThatFailsItsManifest() throws Exception {
        Files.writeString(checkpoints.resolve("step-0000000002/config.properties"), "tampered");
        assertEquals(0, score("synthetic:?seconds=1", dir.resolve("e.csv")), err.toString());
        assertTrue(err.toString().contains("skipping damaged checkpoint step-0000000002"), err.toString());
        assertTrue(out.toString().contains("step-0000000001"), out.toString());
    }

    @Test
    void failsWithoutACheckpoint() {
        checkpoints = dir.resolve("empty");
        assertEquals(1, score("synthetic:?seconds=1", dir.resolve("e.csv")));
        assertTrue(err.toString().contains("no checkpoint directory"), err.toString());
    }

    @Test
    void scoresRealFootage() throws Exception {
        String videos = System.getProperty("vjepa.videos.dir");
        assumeTrue(videos != null && Files.isRegularFile(Path.of(videos, "asl-walk.mkv")), "no sample videos");
        Path csv = dir.resolve("asl.csv");
        assertEquals(0, score(Path.of(videos, "asl-walk.mkv").toString(), csv), err.toString());
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.size() > 5 && rows.get(1).startsWith("asl-walk,0,"), rows.toString());
    }
}
