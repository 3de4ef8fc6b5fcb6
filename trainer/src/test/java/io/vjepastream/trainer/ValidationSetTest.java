package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaInference;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.Scored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationSetTest {
    static final JepaConfig TINY = JepaConfig.builder().imageSize(16).patchSize(8).encoderWidth(16).encoderDepth(1)
            .encoderHeads(2).predictorWidth(8).predictorDepth(1).predictorHeads(2).build();

    @TempDir
    Path dir;

    static PairSample pair(int shade) {
        byte[] frame = new byte[16 * 16 * 3];
        java.util.Arrays.fill(frame, (byte) shade);
        return new PairSample(List.of(frame, frame), List.of(frame));
    }

    @Test
    void claimsEveryNthOffset() {
        ValidationSet set = new ValidationSet(0.1, 100, TINY);
        long claimed = java.util.stream.LongStream.range(0, 100).filter(set::claims).count();
        assertEquals(10, claimed);
        assertFalse(set.claims(0));
        assertTrue(set.claims(9));
    }

    @Test
    void lossIsTheCheckpointsMeanEnergyOnTheHeldOutPairs() throws Exception {
        Files.createDirectories(dir);
        try (JepaTrainer trainer = new JepaTrainer(TINY)) {
            trainer.save(dir);
        }
        ValidationSet set = new ValidationSet(0.5, 3, TINY);
        List<PairSample> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(pair(40 * i));
            set.add(held.get(i));
        }
        assertEquals(3, set.size(), "bounded");
        double expected;
        try (JepaInference model = JepaInference.load(dir)) {
            expected = model.score(held.subList(0, 3)).stream().mapToDouble(Scored::energy).average().orElseThrow();
        }
        assertEquals(expected, set.loss(dir), 1e-6);
        assertTrue(Double.isNaN(new ValidationSet(0.5, 3, TINY).loss(dir)), "no pairs, no loss");
    }
}
