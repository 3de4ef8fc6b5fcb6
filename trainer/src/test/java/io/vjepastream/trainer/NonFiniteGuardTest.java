package io.vjepastream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vjepastream.trainer.NonFiniteGuard.Verdict;
import org.junit.jupiter.api.Test;

class NonFiniteGuardTest {

    @Test
    void skipsSingleNonFiniteLossesAndRecoversAfterARun() {
        NonFiniteGuard guard = new NonFiniteGuard(3);
        assertEquals(Verdict.CONTINUE, guard.observe(0.5f));
        assertEquals(Verdict.SKIP, guard.observe(Float.NaN));
        assertEquals(Verdict.CONTINUE, guard.observe(0.4f));
        assertEquals(Verdict.SKIP, guard.observe(Float.POSITIVE_INFINITY));
        assertEquals(Verdict.SKIP, guard.observe(Float.NaN));
        assertEquals(Verdict.RECOVER, guard.observe(Float.NaN));
        assertEquals(4, guard.skipped());
        assertEquals(1, guard.recoveries());
        assertEquals(0.5, guard.learningRateScale());
    }

    @Test
    void eachRecoveryHalvesTheLearningRateAgain() {
        NonFiniteGuard guard = new NonFiniteGuard(1);
        guard.observe(Float.NaN);
        guard.observe(Float.NaN);
        assertEquals(2, guard.recoveries());
        assertEquals(0.25, guard.learningRateScale());
    }

    @Test
    void aRestoredTrainerIsScaledToAtLeastHalfItsRateAndToTheRunsTarget() {
        NonFiniteGuard guard = new NonFiniteGuard(1);
        guard.observe(Float.NaN);
        assertEquals(0.5, guard.factorAfterRestore(1.0), "first recovery from an unscaled checkpoint halves");
        guard.observe(Float.NaN);
        assertEquals(0.25, guard.factorAfterRestore(1.0), "the same old checkpoint again: down to a quarter");
        assertEquals(0.5, guard.factorAfterRestore(0.5), "a checkpoint saved after the first recovery: halve it");
        assertEquals(0.5, guard.factorAfterRestore(0.125), "already lower from an earlier run: still halve it");
    }

    @Test
    void refusesAZeroLimit() {
        assertThrows(IllegalArgumentException.class, () -> new NonFiniteGuard(0));
    }
}
