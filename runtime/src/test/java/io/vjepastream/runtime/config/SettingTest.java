package io.vjepastream.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTest {
    /** A builder of the kind a service config has. */
    private static final class Builder {
        int batch;
        double fraction;
    }

    private static final Setting<Integer> BATCH = Setting.positiveInt("batchSize", 32, "Pairs per step.");
    private static final Setting<Double> FRACTION = Setting.number("heldOutFraction", 0, 0, 0.5,
            "at least 0 and below 0.5", "Share held out.").option("--hold-out");

    @Test
    void theOptionIsDerivedFromTheNameUnlessDeclared() {
        assertEquals("--batch-size", BATCH.option());
        assertEquals("--hold-out", FRACTION.option());
        assertEquals(32, BATCH.defaultValue());
    }

    @Test
    void checksNameTheSettingAndParsingNamesTheOption() {
        IllegalArgumentException checked = assertThrows(IllegalArgumentException.class, () -> BATCH.check(0));
        assertEquals("batchSize=0 must be a positive integer", checked.getMessage());
        IllegalArgumentException parsed = assertThrows(IllegalArgumentException.class, () -> BATCH.parse("eight"));
        assertEquals("--batch-size eight is invalid: must be a positive integer", parsed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FRACTION.parse("0.5"));
        assertThrows(IllegalArgumentException.class, () -> FRACTION.parse("NaN"));
        assertEquals(0.25, FRACTION.parse(" 0.25 "));
        assertThrows(IllegalArgumentException.class, () -> Setting.positiveInt("bad", 0, "a default not allowed"));
    }

    @Test
    void aTableParsesValuesByNameIntoTheBuilderAndRefusesUnknownNames() {
        SettingTable<Builder> table = SettingTable.<Builder>of()
                .with(BATCH, (b, v) -> b.batch = v).with(FRACTION, (b, v) -> b.fraction = v);
        Builder b = table.apply(new Builder(), Map.of("batchSize", "8", "heldOutFraction", "0.1"));
        assertEquals(8, b.batch);
        assertEquals(0.1, b.fraction);
        assertEquals(2, table.settings().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.apply(new Builder(), Map.of("batchSzie", "8")));
        assertTrue(e.getMessage().contains("batchSzie") && e.getMessage().contains("batchSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.with(BATCH, (x, v) -> { }), "declared twice");
    }

    private enum Mode { FAST, CAREFUL }

    @Test
    void durationsFlagsAndChoicesReadAndShowAsTheyAreTyped() {
        Setting<Duration> linger = Setting.duration("batchLinger", Duration.ofMillis(5), Duration.ZERO,
                Duration.ofSeconds(10), "Wait.");
        assertEquals("5ms", linger.defaultText());
        assertEquals(Duration.ofMillis(20), linger.parse("20ms"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> linger.parse("11s"));
        assertEquals("--batch-linger 11s is invalid: must be a duration from 0s to 10s", tooLong.getMessage());

        Setting<Boolean> flag = Setting.flag("emitTokens", "Emit.");
        assertEquals(false, flag.defaultValue());
        assertEquals(true, flag.parse("TRUE"));
        assertThrows(IllegalArgumentException.class, () -> flag.parse("yes"));

        Setting<Mode> mode = Setting.choice("mode", Mode.class, Mode.FAST,
                v -> Mode.valueOf(v.toUpperCase(java.util.Locale.ROOT)), m -> m.name().toLowerCase(java.util.Locale.ROOT),
                "How.");
        assertEquals("fast", mode.defaultText());
        assertEquals(Mode.CAREFUL, mode.parse("Careful"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> mode.parse("reckless"));
        assertEquals("--mode reckless is invalid: must be one of fast, careful", unknown.getMessage());
    }

    @Test
    void applyKnownLeavesTheOtherValuesToTheCaller() {
        SettingTable<Builder> table = SettingTable.<Builder>of().with(BATCH, (b, v) -> b.batch = v);
        Builder b = new Builder();
        Map<String, String> rest = table.applyKnown(b, Map.of("batchSize", "4", "commit.interval.ms", "50"));
        assertEquals(4, b.batch);
        assertEquals(Map.of("commit.interval.ms", "50"), rest);
    }
}
