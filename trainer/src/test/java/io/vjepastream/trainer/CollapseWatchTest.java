package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.CollapseStatistics;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseWatchTest {

    @Test
    void measuresOnlyWhenDue() {
        List<PairSample> batch = List.of(ValidationSetTest.pair(10), ValidationSetTest.pair(200));
        try (JepaTrainer trainer = new JepaTrainer(ValidationSetTest.TINY)) {
            CollapseWatch watch = new CollapseWatch(5);
            assertNull(watch.maybeMeasure(3, 0.5f, trainer, batch));
            CollapseStatistics stats = watch.maybeMeasure(5, 0.5f, trainer, batch);
            assertNotNull(stats);
            assertTrue(stats.meanStd() > 0, "two different frames give different embeddings");
            assertFalse(watch.warning(), "the first measurement is the reference");
        }
    }

    @Test
    void identicalEmbeddingsLookLikeCollapse() {
        List<PairSample> same = List.of(ValidationSetTest.pair(90), ValidationSetTest.pair(90));
        List<PairSample> different = List.of(ValidationSetTest.pair(10), ValidationSetTest.pair(250));
        try (JepaTrainer trainer = new JepaTrainer(ValidationSetTest.TINY)) {
            CollapseWatch watch = new CollapseWatch(1);
            watch.maybeMeasure(1, 0.5f, trainer, different);
            watch.maybeMeasure(2, 0.5f, trainer, same);
            assertTrue(watch.warning(), "no spread at all is reported");
            watch.maybeMeasure(3, 0.5f, trainer, different);
            assertFalse(watch.warning(), "and cleared once the spread is back");
        }
    }
}
