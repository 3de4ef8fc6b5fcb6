package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnergyMeasureTest {
    @Test
    void readsItsKeysInAnyCase() {
        assertEquals(EnergyMeasure.STANDARDISED, EnergyMeasure.fromKey(" Standardised "));
        assertEquals(EnergyMeasure.TRAINING_DISTANCE, EnergyMeasure.fromKey("training_distance"));
        for (EnergyMeasure m : EnergyMeasure.values()) {
            assertEquals(m, EnergyMeasure.fromKey(m.key()));
        }
    }

    @Test
    void refusesAnUnknownKeyNamingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyMeasure.fromKey("l1"));
        assertTrue(e.getMessage().contains("'l1'") && e.getMessage().contains("standardised, training_distance"),
                e.getMessage());
    }
}
