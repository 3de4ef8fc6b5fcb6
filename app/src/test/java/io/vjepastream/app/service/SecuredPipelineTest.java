package io.vjepastream.app.service;

import static io.vjepastream.app.service.SecuredPipeline.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.app.cli.ParsedKafkaOptions;
import io.vjepastream.broker.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on an in-JVM broker whose client listener requires SASL/PLAIN: ingest, trainer and
 * embedder get their login only through the pass-through client properties (the JAAS line itself from
 * Kafka's file config provider), and clients without a valid login are refused.
 */
class SecuredPipelineTest {
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    @TempDir
    Path dir;

    @Test
    void thePipelineRunsWithPassThroughCredentialsAndClientsWithoutThemAreRefused() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .saslPlainUsers(Map.of("vjepa", password)).build().start()) {
            assertEquals("SASL_PLAINTEXT", broker.securityProtocol());
            String bootstrap = broker.bootstrapServers();
            Map<String, String> kafka = passThrough(password);
            assertFalse(kafka.toString().contains(password), "the password is only in the secrets file");

            int[] pairs = new int[1];
            String log = SecuredPipeline.capturingStderr(() -> {
                pairs[0] = SecuredPipeline.run(dir, bootstrap, kafka);
                tailWithTheSameFlags(bootstrap, password);
            });
            assertFalse(log.contains(password), "no log line holds the password");

            assertRefused(bootstrap, Map.of(), TimeoutException.class, "a PLAINTEXT client");
            assertRefused(bootstrap, login("", ""), SaslAuthenticationException.class, "an empty login");
            assertRefused(bootstrap, login("vjepa", "wrong-" + password), SaslAuthenticationException.class,
                    "a wrong password");
            assertRefused(bootstrap, login("mallory", password), SaslAuthenticationException.class, "an unknown user");
            assertTrue(pairs[0] > 0);
        }
    }

    /** The operator's view: a client file, a secrets file, and flags naming the file provider. */
    private Map<String, String> passThrough(String password) throws Exception {
        Path secrets = Files.writeString(dir.resolve("kafka-secrets.properties"),
                "jaas=" + PLAIN + " required username=\\\"vjepa\\\" password=\\\"" + password + "\\\";\n");
        Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");
        return ParsedKafkaOptions.parse(flags("${file:" + secrets + ":jaas}")).resolve(Map.of());
    }

    /** The Kafka flags of a command whose login is {@code jaas}: the client file, the provider and the JAAS line. */
    private String[] flags(String jaas) {
        return new String[] {"--kafka-config", dir.resolve("client.properties").toString(),
            "--kafka-property", "config.providers=file",
            "--kafka-property", "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
            "--kafka-property", "sasl.jaas.config=" + jaas};
    }

    /** {@code vjepa tail} reads the answers with the operator's flags, and fails in one line with a wrong password. */
    private void tailWithTheSameFlags(String bootstrap, String password) {
        String secrets = dir.resolve("kafka-secrets.properties").toString();
        CliRun ok = SecuredPipeline.tail(bootstrap, List.of("--max", "1", "--timeout", "30s"),
                flags("${file:" + secrets + ":jaas}"));
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("\"sequence\""), ok.out());

        String wrong = PLAIN + " required username=\"vjepa\" password=\"wrong-" + password + "\";";
        CliRun refused = SecuredPipeline.tail(bootstrap, List.of("--timeout", "10s"), flags(wrong));
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("Authentication failed"), refused.err());
        assertFalse(refused.err().contains(password), "the error line quotes no password: " + refused.err());
    }

    private static Map<String, Object> login(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                PLAIN + " required username=\"" + user + "\" password=\"" + password + "\";");
    }
}
