package io.vjepastream.trainer;

import io.vjepastream.model.PairSample;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation and early stopping for finite sources: holds out a share of the records, measures every
 * new checkpoint on them, marks the best checkpoint in the store (so pruning keeps it), and says when
 * the loss has stopped improving.
 */
final class HeldOutValidation {
    private static final Logger log = LoggerFactory.getLogger(HeldOutValidation.class);

    private final ValidationSet pairs;
    private final EarlyStopping stopping;
    private final CheckpointStore store;
    private final int patience;
    private double lastLoss = Double.NaN;

    HeldOutValidation(TrainerConfig config, CheckpointStore store) {
        this.pairs = new ValidationSet(config.validationFraction(), config.validationCapacity(), config.model());
        this.stopping = new EarlyStopping(config.earlyStoppingPatience(), config.earlyStoppingMinDelta());
        this.store = store;
        this.patience = config.earlyStoppingPatience();
    }

    /** True when the record at {@code offset} is held out rather than trained on. */
    boolean claims(long offset) {
        return pairs.claims(offset);
    }

    void hold(PairSample pair) {
        pairs.add(pair);
    }

    /** Measures a new checkpoint; true when training should stop. */
    boolean afterCheckpoint(WrittenCheckpoint written) throws IOException {
        lastLoss = pairs.loss(written.directory());
        if (stopping.record(written.step(), lastLoss)) {
            store.markBest(written.directory());
        }
        log.info("validation loss {} at step {} on {} held-out pairs (best {} at step {})", lastLoss, written.step(),
                pairs.size(), stopping.best(), stopping.bestStep());
        if (stopping.shouldStop()) {
            log.info("early stopping: no validation improvement in {} checks; the best checkpoint is step {}",
                    patience, stopping.bestStep());
            return true;
        }
        return false;
    }

    /** The loss of the last measured checkpoint; NaN before the first. */
    double lastLoss() {
        return lastLoss;
    }
}
