package io.vjepastream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({
        "90s, 90000",
        "2m, 120000",
        "1h, 3600000",
        "500ms, 500",
        "30, 30000",
        "0, 0",
        "PT2M, 120000",
        "pt1.5s, 1500",
        "P1D, 86400000",
        "1d, 86400000",
        "' 10s ', 10000",
        "10S, 10000"
    })
    void acceptsTheDocumentedForms(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), converter.convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10x", "1.5s", "-5s", "-PT1M", "PT", "s", "99999999999999999999s", "10 minutes"})
    void refusesAnythingElseNamingTheValue(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertTrue(e.getMessage().contains("'" + text + "' is not a duration"), e.getMessage());
        assertTrue(e.getMessage().contains("PT2M"), "the message lists the accepted forms: " + e.getMessage());
    }
}
