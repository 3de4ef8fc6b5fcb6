package io.vjepastream.trainer.loop;

import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import io.vjepastream.model.StepResult;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fit loop: until a stop condition is reached, takes a batch from a {@link BatchSource}, steps the
 * trainer on it and tells each {@link StepListener} of the step; a listener may skip the step for the
 * listeners after it, replace a diverged trainer, or end the loop. Not thread-safe: the loop and its
 * listeners run on the thread that calls {@link #run}; stop a loop from another thread through a
 * {@link StopCondition#unless} flag.
 */
public final class TrainingLoop {
    private final Clock clock;
    private final List<StopCondition> stops = new ArrayList<>();
    private final List<StepListener> listeners = new ArrayList<>();
    private Recovery recovery;
    private JepaTrainer trainer;

    /** A loop on {@code trainer} whose steps are timed by the system clock. */
    public TrainingLoop(JepaTrainer trainer) {
        this(trainer, Clock.systemUTC());
    }

    /** A loop on {@code trainer} whose steps are timed by {@code clock} ({@link Step#at()}). */
    public TrainingLoop(JepaTrainer trainer, Clock clock) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds a condition that ends the loop; with none, only a listener ends it. */
    public TrainingLoop stopWhen(StopCondition condition) {
        stops.add(Objects.requireNonNull(condition, "condition"));
        return this;
    }

    /** Adds a listener, told of each step after those added before it. */
    public TrainingLoop listen(StepListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** How to replace the trainer when a listener answers {@link StepListener.Action#RECOVER}. */
    public TrainingLoop recoverWith(Recovery recovery) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        return this;
    }

    /**
     * Trains until a stop condition is reached or a listener asks to stop, then tells the listeners that
     * the loop has ended. An exception from the source, the trainer, a listener or the recovery ends the
     * loop at once, without that.
     *
     * @return the steps this run took, skipped ones included
     */
    public long run(BatchSource source) throws IOException {
        long taken = 0;
        while (!stopReached(taken)) {
            Optional<List<PairSample>> batch = source.next();
            if (batch.isEmpty()) {
                continue;
            }
            StepResult result = trainer.step(batch.get());
            taken++;
            if (tell(new Step(result, batch.get(), trainer, taken, clock.instant()))) {
                break;
            }
        }
        for (StepListener listener : listeners) {
            listener.onEnd(trainer);
        }
        return taken;
    }

    /** The trainer now: the one the loop began with, or the newest recovery's; the caller's to close. */
    public JepaTrainer trainer() {
        return trainer;
    }

    private boolean stopReached(long taken) {
        for (StopCondition stop : stops) {
            if (stop.reached(trainer, taken)) {
                return true;
            }
        }
        return false;
    }

    /** Tells the listeners of a step; true when one asked the loop to stop. */
    private boolean tell(Step step) throws IOException {
        boolean stop = false;
        for (StepListener listener : listeners) {
            switch (listener.afterStep(step)) {
                case SKIP:
                    return false;
                case RECOVER:
                    if (recovery == null) {
                        throw new IllegalStateException("a listener asked for a recovery, and the loop has none");
                    }
                    trainer = recovery.recover(trainer);
                    return false;
                case STOP:
                    stop = true;
                    break;
                default:
                    break;
            }
        }
        return stop;
    }
}
