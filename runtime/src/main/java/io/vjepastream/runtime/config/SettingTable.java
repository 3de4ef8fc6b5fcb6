package io.vjepastream.runtime.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A service's settings with where each one goes in the service's config builder: the one table from which
 * command-line options are derived and through which their values reach the config.
 *
 * @param <B> the config's builder
 */
public final class SettingTable<B> {
    private record Entry<B, T>(Setting<T> setting, BiConsumer<B, T> setter) {
        void apply(B builder, String text) {
            setter.accept(builder, setting.parse(text));
        }
    }

    private final List<Entry<B, ?>> entries = new ArrayList<>();

    /** An empty table. */
    public static <B> SettingTable<B> of() {
        return new SettingTable<>();
    }

    /**
     * Adds a setting and the builder method that takes its value.
     *
     * @throws IllegalArgumentException when the table has a setting of the same name or option
     */
    public <T> SettingTable<B> with(Setting<T> setting, BiConsumer<B, T> setter) {
        for (Entry<B, ?> e : entries) {
            if (e.setting().name().equals(setting.name()) || e.setting().option().equals(setting.option())) {
                throw new IllegalArgumentException("two settings named " + setting.name() + " / " + setting.option());
            }
        }
        entries.add(new Entry<>(setting, Objects.requireNonNull(setter, "setter")));
        return this;
    }

    /** The settings, in the order they were added. */
    public List<Setting<?>> settings() {
        List<Setting<?>> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.setting()));
        return out;
    }

    /**
     * Parses each value given by setting name into {@code builder}.
     *
     * @throws IllegalArgumentException naming the option and value that is invalid, or a name not in the table
     */
    public B apply(B builder, Map<String, String> valuesByName) {
        Map<String, String> left = applyKnown(builder, valuesByName);
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + left.keySet() + "; known: "
                    + entries.stream().map(e -> e.setting().name()).toList());
        }
        return builder;
    }

    /**
     * Parses the values of this table's settings into {@code builder} and returns the others, for a service
     * that passes them on (the embedder hands them to Kafka Streams).
     *
     * @throws IllegalArgumentException naming the option and value that is invalid
     */
    public Map<String, String> applyKnown(B builder, Map<String, String> valuesByName) {
        Map<String, String> left = new LinkedHashMap<>(valuesByName);
        for (Entry<B, ?> e : entries) {
            String text = left.remove(e.setting().name());
            if (text != null) {
                e.apply(builder, text);
            }
        }
        return left;
    }
}
