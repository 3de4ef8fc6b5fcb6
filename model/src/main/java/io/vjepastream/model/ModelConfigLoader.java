package io.vjepastream.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@link JepaConfig} from layered sources, each overriding the one before: the bundled
 * {@code default-model.yaml} (which documents every key), the {@code model:} section of a YAML file,
 * environment variables {@code VJEPA_MODEL_<KEY>} (e.g. {@code VJEPA_MODEL_LATENT_DIM=256}), and
 * explicit {@code key=value} overrides from command-line flags. Keys are snake_case
 * ({@code latent_dim}, {@code encoder_type}, ...); an override may also be written {@code model.key}.
 * Other top-level sections of the file are left to other readers.
 *
 * <p>Unknown keys, values of the wrong kind and invalid combinations are refused with the key, the
 * value, what is allowed, and where the value came from.
 */
public final class ModelConfigLoader {
    /** The bundled defaults, a class-path resource beside this class's package root. */
    public static final String DEFAULTS_RESOURCE = "/default-model.yaml";
    /** The prefix of the environment variables read. */
    public static final String ENV_PREFIX = "VJEPA_MODEL_";
    private static final String SECTION = "model";

    private ModelConfigLoader() {
    }

    /**
     * @param yamlOrNull a YAML file with a {@code model:} section, or null for none
     * @param env the environment (pass {@code System.getenv()}); only {@code VJEPA_MODEL_*} entries are read
     * @param overrides YAML key to value, applied last
     * @return the validated configuration
     * @throws IllegalArgumentException for an unreadable file, an unknown key or an invalid value,
     *     naming the key, the value, what is allowed and its source
     */
    public static JepaConfig load(Path yamlOrNull, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        merge(values, sources, readDefaults(), "default-model.yaml");
        if (yamlOrNull != null) {
            merge(values, sources, readFile(yamlOrNull), yamlOrNull.toString());
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                ConfigKeys.byYaml(key, "environment variable " + name);
                values.put(key, value);
                sources.put(key, "environment variable " + name);
            }
        });
        overrides.forEach((name, value) -> {
            String trimmed = name.trim();
            String key = trimmed.startsWith(SECTION + ".") ? trimmed.substring(SECTION.length() + 1) : trimmed;
            ConfigKeys.byYaml(key, "override '" + name + "=" + value + "'");
            values.put(key, value);
            sources.put(key, "override " + key + "=" + value);
        });
        JepaConfig.Builder builder = JepaConfig.builder();
        values.forEach((key, value) -> {
            try {
                ConfigKeys.byYaml(key, sources.get(key)).apply(builder, value, key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (from " + sources.get(key) + ")", e);
            }
        });
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid model config: " + e.getMessage() + whereFrom(e.getMessage(), sources), e);
        }
    }

    /**
     * Parses {@code key=value} strings as given on a command line.
     *
     * @throws IllegalArgumentException for a string without '=' or with an empty key
     */
    public static Map<String, String> parseOverrides(List<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("model override '" + assignment
                        + "' is not of the form key=value (e.g. latent_dim=256)");
            }
            map.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return map;
    }

    /**
     * @return {@code config} as a YAML document with one {@code model:} section in snake_case keys,
     *     which {@link #load} reads back to an equal configuration (for printing the effective settings)
     */
    public static String toYaml(JepaConfig config) {
        StringBuilder yaml = new StringBuilder("model:\n");
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            yaml.append("  ").append(key.yaml()).append(": ").append(key.write(config)).append('\n');
        }
        return yaml.toString();
    }

    /** @return the text of the bundled {@code default-model.yaml} */
    public static String defaultsYaml() {
        try (InputStream in = resource()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + DEFAULTS_RESOURCE, e);
        }
    }

    private static InputStream resource() {
        InputStream in = ModelConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled " + DEFAULTS_RESOURCE + " is missing from the class path");
        }
        return in;
    }

    private static Map<String, String> readDefaults() {
        try (Reader in = new InputStreamReader(resource(), StandardCharsets.UTF_8)) {
            return section(parse(in, DEFAULTS_RESOURCE), DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + DEFAULTS_RESOURCE, e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model config file " + file + " does not exist",
                    new NoSuchFileException(file.toString()));
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return section(parse(in, file.toString()), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Object parse(Reader in, String where) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("cannot parse " + where + " as YAML: " + e.getMessage(), e);
        }
    }

    /** @return the {@code model:} section's keys and values as strings; empty when there is none */
    private static Map<String, String> section(Object document, String where) {
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(where + " must be a YAML mapping with a 'model:' section");
        }
        Object model = top.get(SECTION);
        if (model == null) {
            return Map.of();
        }
        if (!(model instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("'model:' in " + where + " must be a mapping of key: value");
        }
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            String key = String.valueOf(k);
            ConfigKeys.byYaml(key, where);
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new IllegalArgumentException("model config key '" + key + "' in " + where
                        + " has value '" + v + "', but a single value is allowed");
            }
            values.put(key, v == null ? null : String.valueOf(v));
        });
        return values;
    }

    private static void merge(Map<String, String> values, Map<String, String> sources, Map<String, String> layer,
            String source) {
        layer.forEach((k, v) -> {
            values.put(k, v);
            sources.put(k, source);
        });
    }

    /** @return " [latent_dim from ..., heads from ...]" for the keys the message names */
    private static String whereFrom(String message, Map<String, String> sources) {
        List<String> named = new ArrayList<>();
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            if (message.matches("(?s).*\\b" + key.property() + "\\b.*")) {
                named.add(key.yaml() + " from " + sources.getOrDefault(key.yaml(), "default-model.yaml"));
            }
        }
        return named.isEmpty() ? "" : " [" + String.join("; ", named) + "]";
    }
}
