package io.vjepastream.runtime.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One setting of a service, declared once: its name, type, default, what values are allowed and what it
 * does. Everything else is derived from the declaration: the command-line option ({@code batchSize} is
 * {@code --batch-size} unless {@link #option(String)} says otherwise), hence the {@code VJEPA_*} variable
 * that sets the option, the help text, and the checks of the service's config.
 *
 * <pre>{@code
 * static final Setting<Integer> BATCH_SIZE = Setting.positiveInt("batchSize", 32, "Pairs per training step.");
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    private final String name;
    private final String option;
    private final Class<T> type;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final Predicate<T> valid;
    private final String allowed;
    private final String doc;
    private final Function<T, String> formatter;

    private Setting(String name, String option, Class<T> type, Function<String, T> parser, T defaultValue,
                    Predicate<T> valid, String allowed, String doc, Function<T, String> formatter) {
        this.name = Objects.requireNonNull(name, "name");
        this.option = Objects.requireNonNull(option, "option");
        this.type = Objects.requireNonNull(type, "type");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        this.defaultValue = check(defaultValue);
    }

    /**
     * A setting of any type.
     *
     * @param name the camelCase name, as the config's accessor and its error messages say it
     * @param parser reads the value from text; any exception it throws means "not a value of this type"
     * @param valid which values are allowed
     * @param allowed the allowed values in words, for errors: "a positive integer"
     * @param doc what the setting does, one sentence, for help and docs
     * @throws IllegalArgumentException when the default itself is not allowed
     */
    public static <T> Setting<T> of(String name, Class<T> type, Function<String, T> parser, T defaultValue,
                                    Predicate<T> valid, String allowed, String doc) {
        return new Setting<>(name, optionOf(name), type, parser, defaultValue, valid, allowed, doc, String::valueOf);
    }

    /** An integer of at least 1. */
    public static Setting<Integer> positiveInt(String name, int defaultValue, String doc) {
        return of(name, Integer.class, Integer::valueOf, defaultValue, v -> v > 0, "a positive integer", doc);
    }

    /** An integer of at least 0. */
    public static Setting<Integer> nonNegativeInt(String name, int defaultValue, String doc) {
        return of(name, Integer.class, Integer::valueOf, defaultValue, v -> v >= 0, "0 or a positive integer", doc);
    }

    /** An integer in {@code [min, max]}. */
    public static Setting<Integer> intRange(String name, int defaultValue, int min, int max, String doc) {
        return of(name, Integer.class, Integer::valueOf, defaultValue, v -> v >= min && v <= max,
                "an integer from " + min + " to " + max, doc);
    }

    /** A duration in {@code [min, max]}, read and shown as {@link Durations} does: {@code 5ms}, {@code 30s}. */
    public static Setting<Duration> duration(String name, Duration defaultValue, Duration min, Duration max,
                                             String doc) {
        return of(name, Duration.class, Durations::parse, defaultValue,
                v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0,
                "a duration from " + Durations.format(min) + " to " + Durations.format(max), doc)
                .shownAs(Durations::format);
    }

    /** A switch, off unless given; {@code true} or {@code false} in any case. */
    public static Setting<Boolean> flag(String name, String doc) {
        return of(name, Boolean.class, Setting::parseBoolean, false, v -> true, "true or false", doc);
    }

    /**
     * One of an enum's constants, read by {@code parser} and written by {@code key} (the inverse of each
     * other), allowed unless null.
     */
    public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue,
                                                        Function<String, E> parser, Function<E, String> key,
                                                        String doc) {
        String allowed = "one of " + Arrays.stream(type.getEnumConstants()).map(key).collect(Collectors.joining(", "));
        return of(name, type, parser, defaultValue, Objects::nonNull, allowed, doc).shownAs(key);
    }

    /** One of an enum's constants by its own name, read in any case: {@code tube} is {@code TUBE}. */
    public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue, String doc) {
        return choice(name, type, defaultValue, v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)), Enum::name, doc);
    }

    /** A long of at least 0, where 0 means no limit. */
    public static Setting<Long> limit(String name, long defaultValue, String doc) {
        return of(name, Long.class, Long::valueOf, defaultValue, v -> v >= 0, "0 (no limit) or positive", doc);
    }

    /** A finite number in {@code [min, maxExclusive)}. */
    public static Setting<Double> number(String name, double defaultValue, double min, double maxExclusive,
                                         String allowed, String doc) {
        return of(name, Double.class, Double::valueOf, defaultValue,
                v -> v >= min && v < maxExclusive && Double.isFinite(v), allowed, doc);
    }

    /** The same setting answering to {@code option} on the command line, for an option older than the table. */
    public Setting<T> option(String option) {
        if (!option.matches("--[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option " + option + " must be --lower-case-words");
        }
        return new Setting<>(name, option, type, parser, defaultValue, valid, allowed, doc, formatter);
    }

    /**
     * The same setting with another default, for a command whose users expect another: {@code vjepa local}
     * plays its clips in real time, as cameras would.
     *
     * @throws IllegalArgumentException when that default is not allowed
     */
    public Setting<T> withDefault(T otherDefault) {
        return new Setting<>(name, option, type, parser, otherDefault, valid, allowed, doc, formatter);
    }

    /** The same setting written as text by {@code formatter}, the inverse of its parser: an enum's key. */
    public Setting<T> shownAs(Function<T, String> formatter) {
        return new Setting<>(name, option, type, parser, defaultValue, valid, allowed, doc, formatter);
    }

    public String name() { return name; }

    /** The command-line option, {@code --kebab-case} of the name unless declared otherwise. */
    public String option() { return option; }

    public Class<T> type() { return type; }

    public T defaultValue() { return defaultValue; }

    /** {@code value} as text that {@link #parse} reads back. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /** The default as text, for help and docs. */
    public String defaultText() {
        return format(defaultValue);
    }

    /** The allowed values in words. */
    public String allowed() { return allowed; }

    /** What the setting does. */
    public String doc() { return doc; }

    /**
     * Returns {@code value} when it is allowed.
     *
     * @throws IllegalArgumentException {@code "name=value must be allowed"}
     */
    public T check(T value) {
        if (value == null || !valid.test(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be " + allowed);
        }
        return value;
    }

    /**
     * Reads and checks {@code text}.
     *
     * @throws IllegalArgumentException naming the option, the text and what is allowed
     */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text == null ? null : text.trim());
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null || !valid.test(value)) {
            throw new IllegalArgumentException(option + " " + text + " is invalid: must be " + allowed);
        }
        return value;
    }

    @Override
    public String toString() {
        return option + " (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ", default " + defaultText() + ")";
    }

    /**
     * The environment variable that sets a service command's {@code option} when the command line does not:
     * {@code --batch-size} is {@code VJEPA_BATCH_SIZE}.
     */
    public static String variableOf(String option) {
        return "VJEPA_" + option.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    private static String optionOf(String name) {
        return "--" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
