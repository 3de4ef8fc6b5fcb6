package io.vjepastream.app.cli;

import io.vjepastream.runtime.client.Redaction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where a command finds Kafka ({@code --bootstrap}) and the client properties passed through to every
 * client it creates (producers, consumers, admin clients, Kafka Streams): security protocol, SASL, TLS,
 * config providers, timeouts.
 *
 * <p>Three sources, later ones winning: a {@code .properties} file ({@code --kafka-config FILE}),
 * then environment variables {@code VJEPA_KAFKA_<KEY>} (the rest of the name in lower case with
 * {@code _} read as {@code .}, so {@code VJEPA_KAFKA_SECURITY_PROTOCOL} sets
 * {@code security.protocol}), then {@code --kafka-property KEY=VALUE} flags. Values may use Kafka's
 * config providers ({@code ${env:NAME}}, {@code ${file:/path:key}}), which the clients resolve, so a
 * secret need not appear on the command line. Values of secret keys are never printed
 * ({@link Redaction}).
 */
public final class KafkaOptions {
    /** Prefix of the environment variables read as client properties. */
    public static final String ENV_PREFIX = "VJEPA_KAFKA_";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE} (vjepa local: a broker of its own"
                    + " in this JVM).")
    private String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*, config.providers, ...)"
                    + " applied to every Kafka client; VJEPA_KAFKA_<KEY> variables and --kafka-property win over it.")
    private Path file;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "One Kafka client property for every client, e.g. --kafka-property"
                    + " security.protocol=SASL_SSL; repeatable; wins over --kafka-config and VJEPA_KAFKA_<KEY>.")
    private List<String> flags = new ArrayList<>();

    /** Creates the options; picocli fills them in. */
    public KafkaOptions() {
    }

    /** The bootstrap servers, {@code host:port[,host:port]}. */
    public String bootstrap() {
        return bootstrap;
    }

    /**
     * The client properties from the file, this process's environment and the flags.
     *
     * @throws IllegalArgumentException naming the flag, variable or file that is malformed
     */
    public Map<String, String> resolve() {
        return resolve(System.getenv());
    }

    /**
     * The client properties from the file, the given environment and the flags, sorted by key.
     *
     * @throws IllegalArgumentException naming the flag, variable or file that is malformed
     */
    public Map<String, String> resolve(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        if (file != null) {
            out.putAll(readFile(file));
        }
        out.putAll(fromEnvironment(environment));
        out.putAll(parseFlags(flags));
        return out;
    }

    /** {@code VJEPA_KAFKA_SASL_MECHANISM=PLAIN} as {@code sasl.mechanism=PLAIN}; other variables are ignored. */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                out.put(keyOf(name), value);
            }
        });
        return out;
    }

    /** The client property an environment variable sets: {@code VJEPA_KAFKA_SSL_KEYSTORE_LOCATION} to {@code ssl.keystore.location}. */
    public static String keyOf(String variable) {
        if (!variable.startsWith(ENV_PREFIX)) {
            throw new IllegalArgumentException("environment variable " + variable + " does not start with " + ENV_PREFIX);
        }
        return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * {@code KEY=VALUE} arguments as a map; the value may itself contain {@code =}.
     *
     * @throws IllegalArgumentException for an argument without a key or without {@code =}; the
     *                                  argument is not echoed, since it may hold a secret
     */
    public static Map<String, String> parseFlags(List<String> arguments) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int eq = argument.indexOf('=');
            if (eq <= 0 || argument.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("--kafka-property number " + (i + 1) + " is not KEY=VALUE"
                        + (eq == 0 ? " (the key is empty)" : " (no '=')") + "; allowed: a Kafka client property such as"
                        + " security.protocol=SASL_SSL");
            }
            out.put(argument.substring(0, eq).trim(), argument.substring(eq + 1));
        }
        return out;
    }

    /**
     * A client properties file.
     *
     * @throws IllegalArgumentException when it is missing or unreadable, naming the file
     */
    public static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--kafka-config " + path + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-config " + path + " cannot be read as a .properties file: "
                    + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> out.put(key, properties.getProperty(key)));
        return out;
    }

    /**
     * The client properties of the {@code KafkaOptions} mixed into {@code command}, or an empty map
     * when it has none or they do not resolve: what an error report must not quote.
     */
    public static Map<String, String> resolvedQuietly(CommandLine command) {
        for (CommandSpec mixin : command.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof KafkaOptions options) {
                try {
                    return options.resolve();
                } catch (IllegalArgumentException e) {
                    return Map.of();
                }
            }
        }
        return Map.of();
    }

    /** The resolved properties as one line with secret values hidden, for a start-up message. */
    public String describe() {
        try {
            return Redaction.toString(resolve());
        } catch (IllegalArgumentException e) {
            return "(invalid: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "KafkaOptions{file=" + file + ", flags=" + Redaction.toString(parseFlagsLeniently()) + "}";
    }

    private Map<String, String> parseFlagsLeniently() {
        try {
            return parseFlags(flags);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }
}
