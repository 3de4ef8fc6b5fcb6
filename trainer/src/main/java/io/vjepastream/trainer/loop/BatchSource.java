package io.vjepastream.trainer.loop;

import io.vjepastream.model.PairSample;
import java.util.List;
import java.util.Optional;

/** Where a {@link TrainingLoop} takes its batches from. Used on the loop's thread only. */
@FunctionalInterface
public interface BatchSource {
    /**
     * The next batch to train on, or empty while there is none yet (a stream still filling its buffer):
     * the loop checks its stop conditions and asks again.
     */
    Optional<List<PairSample>> next();
}
