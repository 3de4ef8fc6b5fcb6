package io.vjepastream.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.model.JepaConfig;
import io.vjepastream.model.JepaTrainer;
import io.vjepastream.model.PairSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one fit loop, on a real (tiny) trainer: stop conditions, listener answers, recovery and the batch sources. */
class TrainingLoopTest {
    private static final JepaConfig TINY = JepaConfig.builder().imageSize(16).patchSize(8).encoderWidth(16)
            .encoderDepth(1).encoderHeads(2).predictorWidth(8).predictorDepth(1).predictorHeads(2).build();

    private static PairSample pair(int shade) {
        byte[] frame = new byte[16 * 16 * 3];
        java.util.Arrays.fill(frame, (byte) shade);
        return new PairSample(List.of(frame, frame), List.of(frame));
    }

    private static List<PairSample> pairs(int n) {
        List<PairSample> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(pair(i * 20));
        }
        return pairs;
    }

    @Test
    void stepsUntilTheFirstStopConditionAndTellsEveryListenerInOrder() throws Exception {
        List<String> told = new ArrayList<>();
        try (JepaTrainer trainer = new JepaTrainer(TINY)) {
            long taken = new TrainingLoop(trainer)
                    .stopWhen(StopCondition.afterSteps(3))
                    .stopWhen(StopCondition.atTrainerStep(10))
                    .listen(step -> {
                        told.add("a" + step.taken() + "@" + step.result().step());
                        return StepListener.Action.CONTINUE;
                    })
                    .listen(new StepListener() {
                        @Override
                        public Action afterStep(Step step) {
                            told.add("b" + step.taken());
                            return Action.CONTINUE;
                        }

                        @Override
                        public void onEnd(JepaTrainer t) {
                            told.add("end " + t.steps());
                        }
                    })
                    .run(new CycledPairs(pairs(3), 2));
            assertEquals(3, taken);
            assertEquals(List.of("a1@1", "b1", "a2@2", "b2", "a3@3", "b3", "end 3"), told);
        }
    }

    @Test
    void aSkippedStepIsHiddenFromLaterListenersAndAStopEndsTheLoopAfterTheStep() throws Exception {
        AtomicInteger seenAfterSkip = new AtomicInteger();
        List<Long> seenAfterStop = new ArrayList<>();
        try (JepaTrainer trainer = new JepaTrainer(TINY)) {
            long taken = new TrainingLoop(trainer)
                    .stopWhen(StopCondition.afterSteps(100))
                    .listen(step -> step.taken() == 2 ? StepListener.Action.SKIP : StepListener.Action.CONTINUE)
                    .listen(step -> {
                        seenAfterSkip.incrementAndGet();
                        return step.taken() == 4 ? StepListener.Action.STOP : StepListener.Action.CONTINUE;
                    })
                    .listen(step -> {
                        seenAfterStop.add(step.taken());
                        return StepListener.Action.CONTINUE;
                    })
                    .run(new CycledPairs(pairs(2), 2));
            assertEquals(4, taken, "the loop ended after the step a listener stopped it at");
            assertEquals(3, seenAfterSkip.get(), "step 2 was skipped");
            assertEquals(List.of(1L, 3L, 4L), seenAfterStop, "a listener after the one that stops is still told");
        }
    }

    @Test
    void aRecoveryReplacesTheTrainerAndTheLoopGoesOnWithIt() throws Exception {
        JepaTrainer first = new JepaTrainer(TINY);
        List<JepaTrainer> stepped = new ArrayList<>();
        TrainingLoop loop = new TrainingLoop(first)
                .stopWhen(StopCondition.afterSteps(3))
                .recoverWith(diverged -> {
                    diverged.close();
                    return new JepaTrainer(TINY);
                })
                .listen(step -> {
                    stepped.add(step.trainer());
                    return step.taken() == 1 ? StepListener.Action.RECOVER : StepListener.Action.CONTINUE;
                });
        loop.run(new CycledPairs(pairs(2), 2));
        try (JepaTrainer now = loop.trainer()) {
            assertNotSame(first, now);
            assertSame(first, stepped.get(0));
            assertSame(now, stepped.get(1));
            assertSame(now, stepped.get(2));
            assertEquals(2, now.steps(), "the new trainer made the two steps after the recovery");
        }
    }

    @Test
    void aRecoveryAskedForWithoutOneIsRefusedByName() throws Exception {
        try (JepaTrainer trainer = new JepaTrainer(TINY)) {
            TrainingLoop loop = new TrainingLoop(trainer).stopWhen(StopCondition.afterSteps(2))
                    .listen(step -> StepListener.Action.RECOVER);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.run(new CycledPairs(pairs(2), 2)));
            assertTrue(e.getMessage().contains("recovery"), e.getMessage());
        }
    }

    @Test
    void anEmptySourceIsAskedAgainUntilAStopConditionHolds() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger asked = new AtomicInteger();
        try (JepaTrainer trainer = new JepaTrainer(TINY)) {
            long taken = new TrainingLoop(trainer).stopWhen(StopCondition.unless(running::get))
                    .run(() -> {
                        if (asked.incrementAndGet() == 5) {
                            running.set(false);
                        }
                        return Optional.empty();
                    });
            assertEquals(0, taken);
            assertEquals(5, asked.get());
            assertEquals(0, trainer.steps());
        }
    }

    @Test
    void shuffledEpochsHoldEveryPairOncePerEpochInASeededOrder() {
        List<PairSample> pairs = pairs(6);
        List<PairSample> drawn = new ArrayList<>();
        ShuffledEpochs epochs = new ShuffledEpochs(pairs, 4, 7);
        for (int i = 0; i < 3; i++) {
            drawn.addAll(epochs.next().orElseThrow());
        }
        assertEquals(Set.copyOf(pairs), new HashSet<>(drawn.subList(0, 6)), "the first epoch");
        assertEquals(Set.copyOf(pairs), new HashSet<>(drawn.subList(6, 12)), "the second epoch");
        assertTrue(!drawn.subList(0, 6).equals(drawn.subList(6, 12)), "each epoch in a new order");
        List<PairSample> again = new ArrayList<>();
        ShuffledEpochs same = new ShuffledEpochs(pairs, 4, 7);
        for (int i = 0; i < 3; i++) {
            again.addAll(same.next().orElseThrow());
        }
        assertEquals(drawn, again, "the same seed gives the same batches");
    }

    @Test
    void cycledPairsGoRoundInOrderAcrossBatches() {
        List<PairSample> pairs = pairs(3);
        CycledPairs cycled = new CycledPairs(pairs, 2);
        assertEquals(List.of(pairs.get(0), pairs.get(1)), cycled.next().orElseThrow());
        assertEquals(List.of(pairs.get(2), pairs.get(0)), cycled.next().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new CycledPairs(List.of(), 2));
    }
}
