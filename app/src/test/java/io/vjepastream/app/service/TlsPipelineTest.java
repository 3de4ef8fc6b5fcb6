package io.vjepastream.app.service;

import static io.vjepastream.app.service.SecuredPipeline.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.app.CliRun;
import io.vjepastream.app.cli.ParsedKafkaOptions;
import io.vjepastream.broker.EmbeddedKafkaBroker;
import io.vjepastream.broker.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on an in-JVM broker whose client listener requires mutual TLS, with stores made by
 * keytool: ingest, trainer and embedder get their keystore and truststore only through pass-through
 * client properties, the passwords from a secrets file. A client that does not trust the broker, or
 * whose certificate the broker does not trust, is refused, and {@code vjepa tail} says so in one line.
 */
class TlsPipelineTest {
    private static final String FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider";

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        certs = TestCertificates.create(dir);
        broker = EmbeddedKafkaBroker.builder().tls(certs.broker()).build().start();
        Files.writeString(dir.resolve("tls-secrets.properties"), "keystore.password=" + certs.client().keystorePassword()
                + "\ntruststore.password=" + certs.client().truststorePassword() + "\n");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void thePipelineRunsThroughMutualTlsWithTheStoresGivenAsClientProperties() throws Exception {
        assertEquals("SSL", broker.securityProtocol());
        String bootstrap = broker.bootstrapServers();
        String[] flags = flags("client", certs.client().keystore(), certs.client().truststore());
        Map<String, String> kafka = ParsedKafkaOptions.parse(flags).resolve(Map.of());
        String keystorePassword = certs.client().keystorePassword();
        assertFalse(kafka.toString().contains(keystorePassword), "the passwords are only in the secrets file");

        int[] pairs = new int[1];
        String log = SecuredPipeline.capturingStderr(() -> {
            pairs[0] = SecuredPipeline.run(dir.resolve("pipeline"), bootstrap, kafka);
            CliRun tail = SecuredPipeline.tail(bootstrap, List.of("--max", "1", "--timeout", "30s"), flags);
            assertEquals(0, tail.exitCode(), tail.err());
            assertTrue(tail.out().contains("\"sequence\""), tail.out());
        });
        assertTrue(pairs[0] > 0);
        assertFalse(log.contains(keystorePassword) || log.contains(certs.client().truststorePassword()),
                "no log line holds a store password");
    }

    @Test
    void aClientWithoutTheTruststoreIsRefusedAndTailSaysSoInOneLine() throws Exception {
        String bootstrap = broker.bootstrapServers();
        CliRun refused = SecuredPipeline.tail(bootstrap, List.of("--timeout", "10s"),
                flags("no-truststore", certs.client().keystore(), null));
        assertOneLine(refused, "vjepa: TLS handshake with " + bootstrap + " failed: this client does not trust the"
                + " broker's certificate (", "); check ssl.truststore.location");

        // A service says the same at start, before anything else runs.
        String[] noTruststore = flags("no-truststore", certs.client().keystore(), null);
        CliRun trainer = CliRun.vjepa(Stream.concat(Stream.of("train", "--bootstrap", bootstrap, "--http-port", "-1",
                "--checkpoints", dir.resolve("refused-checkpoints").toString()), Stream.of(noTruststore))
                .toArray(String[]::new));
        assertOneLine(trainer, "vjepa: TLS handshake with " + bootstrap + " failed: this client does not trust the"
                + " broker's certificate (", "); check ssl.truststore.location");

        assertRefused(bootstrap, client(certs.client().keystore(), null), SslAuthenticationException.class,
                "a client without the truststore");
        assertRefused(bootstrap, Map.of(), TimeoutException.class, "a PLAINTEXT client");
    }

    @Test
    void aClientWhoseCertificateTheBrokerDoesNotTrustIsRefusedAndTailSaysSoInOneLine() throws Exception {
        String bootstrap = broker.bootstrapServers();
        CliRun refused = SecuredPipeline.tail(bootstrap, List.of("--timeout", "10s"),
                flags("untrusted", certs.untrusted().keystore(), certs.untrusted().truststore()));
        assertOneLine(refused, "vjepa: TLS handshake with " + bootstrap + " failed: the broker refused this client's"
                + " certificate (", "); check ssl.keystore.location");

        assertRefused(bootstrap, client(certs.untrusted().keystore(), certs.untrusted().truststore()),
                SslAuthenticationException.class, "a client with a self-signed certificate");
        assertRefused(bootstrap, client(null, certs.client().truststore()), SslAuthenticationException.class,
                "a client without a certificate");
    }

    /** The command failed with exit code 1 and one line, no stack trace and no password. */
    private static void assertOneLine(CliRun run, String start, String end) {
        assertEquals(1, run.exitCode(), run.err());
        String line = run.err().strip();
        assertEquals(1, line.lines().count(), "one line: " + run.err());
        assertTrue(line.startsWith(start) && line.endsWith(end), line);
        assertFalse(line.contains(certs.client().keystorePassword()) || line.contains(certs.client().truststorePassword()),
                line);
    }

    /**
     * The operator's flags for a TLS client with these stores (null for none): a client file with the
     * locations, and the passwords from the secrets file through Kafka's file config provider.
     */
    private static String[] flags(String name, Path keystore, Path truststore) throws Exception {
        String secrets = dir.resolve("tls-secrets.properties").toString();
        Map<String, String> file = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>(List.of("--kafka-property", "config.providers=file",
                "--kafka-property", "config.providers.file.class=" + FILE_PROVIDER));
        file.put("security.protocol", "SSL");
        if (keystore != null) {
            file.put("ssl.keystore.location", keystore.toString());
            flags.addAll(List.of("--kafka-property", "ssl.keystore.password=${file:" + secrets + ":keystore.password}"));
        }
        if (truststore != null) {
            file.put("ssl.truststore.location", truststore.toString());
            flags.addAll(List.of("--kafka-property", "ssl.truststore.password=${file:" + secrets + ":truststore.password}"));
        }
        StringBuilder text = new StringBuilder();
        file.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path clientFile = Files.writeString(dir.resolve(name + ".properties"), text);
        flags.addAll(0, List.of("--kafka-config", clientFile.toString()));
        return flags.toArray(String[]::new);
    }

    /** Client properties with these stores (null for none), as an Admin client takes them. */
    private static Map<String, Object> client(Path keystore, Path truststore) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", "SSL");
        if (keystore != null) {
            p.put("ssl.keystore.location", keystore.toString());
            p.put("ssl.keystore.password", certs.client().keystorePassword());
        }
        if (truststore != null) {
            p.put("ssl.truststore.location", truststore.toString());
            p.put("ssl.truststore.password", certs.client().truststorePassword());
        }
        return p;
    }
}
