package io.vjepastream.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.embedder.EmbedderConfig;
import io.vjepastream.ingest.source.PlantedAnomaly;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyFlagTest {
    private static final EmbedderConfig EMBEDDER = EmbedderConfig.builder("unused:9092").build();

    @Test
    void flagsAJumpAfterTheWarmUpAsTheEmbedderDoes() {
        int n = 120;
        List<LabelledPair> test = new ArrayList<>();
        double[] energies = new double[n];
        for (int i = 0; i < n; i++) {
            boolean stall = i == 60 || i == 100;
            // A jump during the warm-up is not flagged: the statistics have not seen enough yet.
            boolean early = i == 5;
            test.add(new LabelledPair(null, i / 10.0, stall || early ? PlantedAnomaly.STALL : null, false, new double[0], 3));
            energies[i] = stall || early ? 5.0 : 1.0 + 0.05 * Math.sin(i);
        }
        AnomalyFlag flag = AnomalyFlag.of(energies, EMBEDDER);
        assertFalse(flag.flagged()[5], "inside the warm-up");
        assertTrue(flag.flagged()[60] && flag.flagged()[100]);
        assertTrue(flag.zScores()[60] > EMBEDDER.anomalyThreshold(), "z " + flag.zScores()[60]);
        for (int i = EMBEDDER.zScoreWarmup(); i < n; i++) {
            assertEquals(i == 60 || i == 100, flag.flagged()[i], "pair " + i);
        }
        Map<String, Object> json = flag.json(test);
        assertEquals(1.0, ((Map<?, ?>) json.get("recall")).get("stall"), "both stalls after the warm-up flagged");
        assertEquals(0.0, json.get("false_positive_rate"));
        assertEquals(EMBEDDER.statsHalfLife(), json.get("half_life_pairs"));
    }
}
