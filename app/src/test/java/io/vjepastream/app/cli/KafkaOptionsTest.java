package io.vjepastream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.ingest.sink.PairProducerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaOptionsTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"cam\" password=\"pw=with=equals\";";

    @TempDir
    Path dir;

    private static KafkaOptions parse(String... args) {
        return ParsedKafkaOptions.parse(args);
    }

    @Test
    void aFileThenEnvironmentVariablesThenFlagsEachWinOverTheOneBefore() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SSL\nsasl.mechanism=PLAIN\nrequest.timeout.ms=1000\n");
        KafkaOptions options = parse("--kafka-config", file.toString(),
                "--kafka-property", "request.timeout.ms=3000", "--kafka-property", "sasl.jaas.config=" + JAAS);
        Map<String, String> resolved = options.resolve(Map.of("VJEPA_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "VJEPA_KAFKA_REQUEST_TIMEOUT_MS", "2000", "VJEPA_MODEL_DEPTH", "3", "HOME", "/root"));
        assertEquals(Map.of("security.protocol", "SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "request.timeout.ms", "3000", "sasl.jaas.config", JAAS), resolved,
                "file < env < flags; '=' inside a value is kept; other variables are ignored");
    }

    @Test
    void environmentVariableNamesBecomeLowerCaseDottedKeys() {
        assertEquals("security.protocol", KafkaOptions.keyOf("VJEPA_KAFKA_SECURITY_PROTOCOL"));
        assertEquals("ssl.truststore.location", KafkaOptions.keyOf("VJEPA_KAFKA_SSL_TRUSTSTORE_LOCATION"));
        assertEquals(Map.of("sasl.jaas.config", "x"),
                KafkaOptions.fromEnvironment(Map.of("VJEPA_KAFKA_SASL_JAAS_CONFIG", "x", "VJEPA_KAFKA_", "y")));
    }

    @Test
    void malformedInputIsNamedWithoutEchoingWhatMayBeASecret() {
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> parse("--kafka-property", "a=1", "--kafka-property", "hunter2").resolve(Map.of()));
        assertTrue(flag.getMessage().startsWith("--kafka-property number 2 is not KEY=VALUE (no '=')"),
                flag.getMessage());
        assertFalse(flag.getMessage().contains("hunter2"));
        Path missing = dir.resolve("nope.properties");
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                () -> parse("--kafka-config", missing.toString()).resolve(Map.of()));
        assertEquals("--kafka-config " + missing + " does not exist", file.getMessage());
    }

    @Test
    void printedOptionsHideSecretValues() {
        KafkaOptions options = parse("--kafka-property", "sasl.jaas.config=" + JAAS,
                "--kafka-property", "security.protocol=SASL_SSL");
        for (String printed : new String[] {options.toString(), options.describe()}) {
            assertFalse(printed.contains("pw=with=equals"), printed);
            assertTrue(printed.contains("sasl.jaas.config=[hidden]") && printed.contains("security.protocol=SASL_SSL"),
                    printed);
        }
    }

    @Test
    void envAndFileConfigProvidersResolveInsideTheClients() throws Exception {
        // Kafka, not vjepa, resolves ${env:...} and ${file:...}: the secret never has to be on a command line.
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "jaas=" + JAAS.replace("\"", "\\\"") + "\n");
        String variable = System.getenv().containsKey("PATH") ? "PATH" : System.getenv().keySet().iterator().next();
        Map<String, String> properties = Map.of(
                "config.providers", "env,file",
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "sasl.jaas.config", "${file:" + secrets + ":jaas}",
                "client.id", "${env:" + variable + "}");
        Map<String, Object> producer = PairProducerConfig.of("127.0.0.1:9", properties);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        ProducerConfig resolved = new ProducerConfig(producer);
        assertEquals(JAAS, resolved.getPassword("sasl.jaas.config").value());
        assertEquals(System.getenv(variable), resolved.getString("client.id"));

        Map<String, Object> consumer = new java.util.HashMap<>(properties);
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        assertEquals(JAAS, new ConsumerConfig(consumer).getPassword("sasl.jaas.config").value());
    }

    @Test
    void aRefusedPropertyEndsTheCommandWithOneLineNamingIt() {
        CliRun run = CliRun.vjepa("tail", "vjepa.latents", "--kafka-property", "enable.auto.commit=true",
                "--kafka-property", "sasl.jaas.config=" + JAAS);
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("vjepa: Kafka property enable.auto.commit=true is refused by the tail: "),
                run.err());
        assertFalse(run.err().contains("pw=with=equals"), run.err());
    }
}
