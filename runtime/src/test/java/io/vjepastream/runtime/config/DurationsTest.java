package io.vjepastream.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"5, 5ms", "30000, 30s", "1500, 1500ms", "120000, 2m", "3600000, 1h", "86400000, 1d", "0, 0s"})
    void formatsInTheLargestWholeUnitAndReadsItBack(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10x", "-5s", "1.5s"})
    void refusesWhatIsNotADurationNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a duration"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 999_999})
    void aDurationFinerThanMillisecondsIsWrittenInIso(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertEquals(d, Durations.parse(Durations.format(d)));
    }
}
